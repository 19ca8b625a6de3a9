import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ann, type Call, json, renderApp, sessionFor } from '@/testing/test-utils';
import type { Sweet } from '@/lib/api/sweets';
import { Catalogue } from './catalogue';

function sweet(id: number, name: string, quantity: number, extra: Partial<Sweet> = {}): Sweet {
  return {
    id,
    name,
    category: 'Chocolate',
    description: `${name} description`,
    price: '3.50',
    quantity,
    is_available: quantity > 0,
    created_by: 'boss',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...extra,
  };
}

const page = (results: Sweet[], count = results.length) => ({ count, next: null, previous: null, results });

describe('Catalogue', () => {
  it('shows the cards with name, category, description, price and stock', async () => {
    renderApp(<Catalogue />, {
      session: sessionFor(ann),
      routes: {
        'GET /api/sweets/': () => json(200, page([sweet(1, 'Fudge', 12, { price: '1234.50' }), sweet(2, 'Toffee', 0)])),
      },
    });
    const cards = await screen.findAllByTestId('sweet-card');
    expect(cards).toHaveLength(2);
    const fudge = within(cards[0]!);
    expect(fudge.getByRole('heading', { name: 'Fudge' })).toBeInTheDocument();
    expect(fudge.getByText('Chocolate')).toBeInTheDocument();
    expect(fudge.getByText('Fudge description')).toBeInTheDocument();
    expect(fudge.getByText('$1,234.50')).toBeInTheDocument();
    // A customer sees "In stock", "Only 3 left" or a Sold out badge, never the count of a well-stocked sweet.
    expect(fudge.getByTestId('stock')).toHaveTextContent(/^In stock$/);
    expect(screen.getByTestId('result-count')).toHaveTextContent('2 sweets');
    // At zero stock: the badge, and nothing to type or press.
    const toffee = within(cards[1]!);
    expect(toffee.getByTestId('stock')).toHaveTextContent('Sold out');
    expect(toffee.queryByRole('spinbutton')).toBeNull();
    expect(toffee.queryByRole('button')).toBeNull();
  });

  it('searches with the filters and pages through every page', async () => {
    const requests: string[] = [];
    renderApp(<Catalogue />, {
      session: sessionFor(ann),
      routes: {
        'GET /api/sweets/': (call: Call) => {
          requests.push(call.path);
          const p = new URL(call.path, 'http://x').searchParams.get('page') ?? '1';
          return json(200, page([sweet(Number(p), `Sweet ${p}`, 5)], 30));
        },
      },
    });
    expect(await screen.findByText('Sweet 1')).toBeInTheDocument();
    expect(screen.getByText('Page 1 of 3')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Sweet 2')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Last page' }));
    expect(await screen.findByText('Sweet 3')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();

    await userEvent.type(screen.getByLabelText('Name contains'), 'fud');
    await userEvent.type(screen.getByLabelText('Category'), 'choc');
    await userEvent.type(screen.getByLabelText('Min price'), '1');
    await userEvent.type(screen.getByLabelText('Max price'), '4.5');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() =>
      expect(requests.at(-1)).toBe(
        '/api/sweets/?name=fud&category=choc&min_price=1&max_price=4.5&ordering=name&page_size=12',
      ),
    );
    await userEvent.selectOptions(screen.getByLabelText('Sort by'), 'Price (high to low)');
    await waitFor(() => expect(requests.at(-1)).toContain('ordering=-price'));
    // The search box searches as you type, once typing pauses: one request for the word, not one per key.
    const before = requests.length;
    await userEvent.type(screen.getByLabelText('Search'), 'creme');
    await waitFor(() => expect(requests.at(-1)).toContain('q=creme'));
    expect(requests.slice(before).filter((r) => r.includes('q=c'))).toHaveLength(1);
  });

  it('shows a bad filter next to its field and an empty result in words', async () => {
    renderApp(<Catalogue />, {
      session: sessionFor(ann),
      path: '/?min_price=abc',
      routes: {
        'GET /api/sweets/': (call: Call) =>
          call.path.includes('min_price=abc')
            ? json(400, { min_price: ['A valid number is required.'] })
            : json(200, page([])),
      },
    });
    expect(await screen.findByText('Enter a number, such as 3.50.')).toBeInTheDocument();
    expect(screen.getByLabelText('Min price')).toHaveAttribute('aria-invalid', 'true');
    await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(await screen.findByText('The shop has no sweets yet.')).toBeInTheDocument();
  });

  it('shows a server fault in words with a way to retry', async () => {
    let fail = true;
    renderApp(<Catalogue />, {
      session: sessionFor(ann),
      routes: {
        'GET /api/sweets/': () =>
          fail ? json(503, { detail: 'Database unavailable.' }) : json(200, page([sweet(1, 'Fudge', 1)])),
      },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The shop is having trouble right now. Please try again.',
    );
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Fudge')).toBeInTheDocument();
  });

  it('buys, shows the new stock at once, and explains a refusal', async () => {
    let stock = 3;
    const { calls } = renderApp(<Catalogue />, {
      session: sessionFor(ann),
      routes: {
        'GET /api/sweets/': () => json(200, page([sweet(1, 'Fudge', stock)])),
        'POST /api/sweets/1/purchase/': (call: Call) => {
          const amount = (call.body as { amount: number }).amount;
          if (amount > stock) return json(400, { detail: 'Insufficient stock', available: stock });
          stock -= amount;
          return json(200, sweet(1, 'Fudge', stock));
        },
      },
    });
    const card = within((await screen.findAllByTestId('sweet-card'))[0]!);
    const amount = card.getByLabelText('Quantity of Fudge');
    await userEvent.clear(amount);
    await userEvent.type(amount, '2');
    await userEvent.click(card.getByRole('button', { name: 'Purchase' }));
    expect(await card.findByText('Only 1 left')).toBeInTheDocument();
    // The toast says what was bought and for how much; the amount is back to 1.
    expect(await screen.findByTestId('toast')).toHaveTextContent('Bought 2 × Fudge for $7.00.');
    expect(amount).toHaveValue(1);
    const purchase = calls.find((c) => c.method === 'POST')!;
    expect(purchase.body).toEqual({ amount: 2 });
    expect(purchase.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{32,36}$/);

    await userEvent.clear(amount);
    await userEvent.type(amount, '5');
    await userEvent.click(card.getByRole('button', { name: 'Purchase' }));
    // The refusal says what is left and offers it.
    expect(await card.findByRole('alert')).toHaveTextContent('Only 1 left.');
    await userEvent.click(card.getByRole('button', { name: 'Buy 1' }));
    expect(await card.findByText('Sold out')).toBeInTheDocument();
    expect(card.queryByRole('button', { name: 'Purchase' })).toBeNull();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      { amount: 2 },
      { amount: 5 },
      { amount: 1 },
    ]);
  });
});
