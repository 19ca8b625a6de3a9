import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Sweet } from '@/lib/api/sweets';
import { boss, type Call, json, renderApp, sam, sessionFor } from '@/testing/test-utils';
import { StockTable } from './stock-table';
import { SweetForm } from './sweet-form';

const fudge: Sweet = {
  id: 4,
  name: 'Fudge',
  category: 'Chocolate',
  description: '',
  price: '2.00',
  quantity: 2,
  is_available: true,
  created_by: 'boss',
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  reorder_level: 3,
  reorder_quantity: 12,
  cost: '0.90',
  active: true,
};

/// The writes among the calls (the form also reads the categories and looks up names).
const changes = (calls: Call[]) => calls.filter((c) => c.method !== 'GET');

describe('SweetForm', () => {
  it('shows the API validation messages under their fields', async () => {
    renderApp(<SweetForm />, {
      session: sessionFor(boss),
      routes: {
        'POST /api/sweets/': () =>
          json(400, {
            name: ['sweet with this name already exists.'],
            price: ['Ensure that there are no more than 2 decimal places.'],
          }),
      },
    });
    await userEvent.type(screen.getByLabelText('Name'), 'Fudge');
    await userEvent.type(screen.getByLabelText('Category'), 'Chocolate');
    await userEvent.type(screen.getByLabelText('Price'), '3.55');
    await userEvent.click(screen.getByRole('button', { name: 'Add sweet' }));
    expect(await screen.findByText('A sweet with this name already exists.')).toBeInTheDocument();
    expect(screen.getByLabelText('Price')).toHaveAccessibleDescription('Use at most 2 decimal places.');
    expect(screen.getByLabelText('Name')).toHaveValue('Fudge');
  });

  it('checks the price and the counts as they are typed, and sends nothing while one is wrong', async () => {
    const { calls } = renderApp(<SweetForm />, { session: sessionFor(boss) });
    await userEvent.type(screen.getByLabelText('Name'), 'Fudge');
    await userEvent.type(screen.getByLabelText('Category'), 'Chocolate');
    await userEvent.type(screen.getByLabelText('Price'), '3.555');
    expect(screen.getByLabelText('Price')).toHaveAccessibleDescription('Use at most 2 decimal places.');
    await userEvent.clear(screen.getByLabelText('Quantity in stock'));
    await userEvent.type(screen.getByLabelText('Quantity in stock'), '2.5');
    expect(screen.getByLabelText('Quantity in stock')).toHaveAccessibleDescription('Enter a whole number.');
    await userEvent.click(screen.getByRole('button', { name: 'Add sweet' }));
    expect(changes(calls)).toEqual([]);
    await userEvent.clear(screen.getByLabelText('Price'));
    await userEvent.type(screen.getByLabelText('Price'), '3.50');
    expect(screen.getByLabelText('Price')).not.toHaveAttribute('aria-invalid');
  });

  it('creates a sweet and clears the form', async () => {
    const { calls } = renderApp(<SweetForm />, {
      session: sessionFor(boss),
      routes: { 'POST /api/sweets/': (call: Call) => json(201, { ...fudge, ...(call.body as object), quantity: 7 }) },
    });
    await userEvent.type(screen.getByLabelText('Name'), 'Fudge');
    await userEvent.type(screen.getByLabelText('Category'), 'Chocolate');
    await userEvent.type(screen.getByLabelText('Price'), '2');
    await userEvent.clear(screen.getByLabelText('Quantity in stock'));
    await userEvent.type(screen.getByLabelText('Quantity in stock'), '7');
    await userEvent.click(screen.getByRole('button', { name: 'Add sweet' }));
    expect(await screen.findByText('Added Fudge.')).toBeInTheDocument();
    expect(changes(calls)[0]!.body).toEqual({
      name: 'Fudge',
      category: 'Chocolate',
      description: '',
      price: '2',
      quantity: '7',
      reorder_level: '0',
      reorder_quantity: '0',
      cost: null, // blank: unknown
      sku: null,
      barcode: null,
      unit: 'piece',
    });
    expect(screen.getByLabelText('Name')).toHaveValue('');
  });

  it('sells a loose sweet by weight: the price per kg and the stock in grams', async () => {
    const { calls } = renderApp(<SweetForm />, {
      session: sessionFor(boss),
      routes: {
        'POST /api/sweets/': (call: Call) => json(201, { ...fudge, ...(call.body as object), quantity: 2500 }),
      },
    });
    await userEvent.type(screen.getByLabelText('Name'), 'Jelly beans');
    await userEvent.type(screen.getByLabelText('Category'), 'Pick and mix');
    await userEvent.selectOptions(screen.getByLabelText('Sold by'), 'gram');
    await userEvent.type(screen.getByLabelText('Price per kg'), '12.99');
    await userEvent.clear(screen.getByLabelText('Grams in stock'));
    await userEvent.type(screen.getByLabelText('Grams in stock'), '2500');
    await userEvent.click(screen.getByRole('button', { name: 'Add sweet' }));
    expect(await screen.findByText('Added Jelly beans.')).toBeInTheDocument();
    expect(changes(calls)[0]!.body).toMatchObject({ price: '12.99', quantity: '2500', unit: 'gram' });
  });

  it('sends only the changed fields when editing', async () => {
    const { calls } = renderApp(<SweetForm sweet={fudge} />, {
      session: sessionFor(boss),
      routes: { 'PATCH /api/sweets/4/': () => json(200, { ...fudge, price: '2.50' }) },
    });
    await userEvent.clear(screen.getByLabelText('Price'));
    await userEvent.type(screen.getByLabelText('Price'), '2.50');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(changes(calls)).toHaveLength(1));
    expect(changes(calls)[0]!.body).toEqual({ price: '2.50' });
  });

  it('sets the reorder level and cost, and a blank cost clears it', async () => {
    const { calls } = renderApp(<SweetForm sweet={fudge} />, {
      session: sessionFor(boss),
      routes: { 'PATCH /api/sweets/4/': () => json(200, fudge) },
    });
    await userEvent.clear(screen.getByLabelText('Reorder level'));
    await userEvent.type(screen.getByLabelText('Reorder level'), '6');
    await userEvent.clear(screen.getByLabelText('Unit cost'));
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(changes(calls)).toHaveLength(1));
    expect(changes(calls)[0]!.body).toEqual({ reorder_level: '6', cost: null });
  });

  it('leaves costs to the owner: staff see no cost field and send none', async () => {
    const { calls } = renderApp(<SweetForm />, {
      session: sessionFor(sam),
      routes: { 'POST /api/sweets/': () => json(201, { ...fudge, cost: undefined }) },
    });
    expect(screen.queryByLabelText('Unit cost')).toBeNull();
    await userEvent.type(screen.getByLabelText('Name'), 'Fudge');
    await userEvent.type(screen.getByLabelText('Category'), 'Chocolate');
    await userEvent.type(screen.getByLabelText('Price'), '2');
    await userEvent.click(screen.getByRole('button', { name: 'Add sweet' }));
    expect(await screen.findByText('Added Fudge.')).toBeInTheDocument();
    expect(changes(calls)[0]!.body).not.toHaveProperty('cost');
  });
});

/// The stock table's sweets, top to bottom.
const names = () => screen.getAllByTestId('stock-row').map((r) => within(r).getByRole('rowheader').textContent);

describe('StockTable', () => {
  it('lists the least stock first, restocks, and deletes only after confirmation', async () => {
    let sweets = [fudge];
    const { calls } = renderApp(<StockTable />, {
      session: sessionFor(boss),
      routes: {
        'GET /api/sweets/': () => json(200, { count: sweets.length, next: null, previous: null, results: sweets }),
        'POST /api/sweets/4/restock/': (call: Call) => {
          const amount = (call.body as { amount: number }).amount;
          if (amount === 0) return json(400, { amount: ['Ensure this value is greater than or equal to 1.'] });
          sweets = [{ ...fudge, quantity: fudge.quantity + Number(amount) }];
          return json(200, sweets[0]);
        },
        'DELETE /api/sweets/4/': () => {
          sweets = [];
          return new Response(null, { status: 204 });
        },
      },
    });
    const row = within((await screen.findAllByTestId('stock-row'))[0]!);
    expect(row.getByText('Low')).toBeInTheDocument(); // 2 left, reorder level 3
    expect(calls[0]!.path).toBe('/api/sweets/?ordering=quantity&page_size=10&active=true');

    const units = row.getByLabelText('Units to add to Fudge');
    await userEvent.type(units, '0');
    await userEvent.click(row.getByRole('button', { name: 'Restock' }));
    expect(await row.findByRole('alert')).toHaveTextContent('Enter 1 or more.');
    await userEvent.clear(units);
    await userEvent.type(units, '10{Enter}');
    await waitFor(() => expect(row.getByTestId('row-quantity')).toHaveTextContent('12'));
    expect(await screen.findByTestId('toast')).toHaveTextContent('Restocked Fudge: 10 added, 12 in stock.');

    expect(row.queryByRole('button', { name: 'Delete Fudge' })).toBeNull(); // in the row's menu
    await userEvent.click(row.getByRole('button', { name: 'More actions for Fudge' }));
    await userEvent.click(row.getByRole('button', { name: 'Delete Fudge' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Fudge?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);

    await userEvent.click(row.getByRole('button', { name: 'More actions for Fudge' }));
    await userEvent.click(row.getByRole('button', { name: 'Delete Fudge' }));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    await userEvent.click(row.getByRole('button', { name: 'More actions for Fudge' }));
    await userEvent.click(row.getByRole('button', { name: 'Delete Fudge' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete' }));
    expect((await screen.findAllByTestId('toast')).at(-1)).toHaveTextContent('Deleted Fudge.');
    expect(await screen.findByText('No sweets yet: add the first one above.')).toBeInTheDocument();
  });

  it('keeps a restocked row in its place, with its new numbers, until the view changes', async () => {
    let sweets = [
      { ...fudge, id: 4, name: 'Fudge', quantity: 1 },
      { ...fudge, id: 5, name: 'Toffee', quantity: 5 },
    ];
    const byQuantity = () => [...sweets].toSorted((a, b) => a.quantity - b.quantity);
    renderApp(<StockTable />, {
      session: sessionFor(boss),
      routes: {
        'GET /api/sweets/': () => json(200, { count: 2, next: null, previous: null, results: byQuantity() }),
        'POST /api/sweets/4/restock/': (call: Call) => {
          sweets = sweets.map((s) =>
            s.id === 4 ? { ...s, quantity: s.quantity + Number((call.body as { amount: number }).amount) } : s,
          );
          return json(
            200,
            sweets.find((s) => s.id === 4),
          );
        },
      },
    });
    await screen.findAllByTestId('stock-row');
    expect(names()).toEqual([expect.stringContaining('Fudge'), expect.stringContaining('Toffee')]);
    await userEvent.type(screen.getByLabelText('Units to add to Fudge'), '10{Enter}');
    expect((await screen.findAllByTestId('toast')).at(-1)).toHaveTextContent('Restocked Fudge: 10 added, 11 in stock.');
    // The server now sorts Toffee (5) first; the table keeps Fudge where it was, with its 11.
    await waitFor(() => expect(screen.getAllByTestId('row-quantity').map((q) => q.textContent)).toEqual(['11', '5']));
    expect(names()).toEqual([expect.stringContaining('Fudge'), expect.stringContaining('Toffee')]);
    // Another view is in the server's order again.
    await userEvent.click(screen.getByRole('button', { name: 'All' }));
    await waitFor(() => expect(names()).toEqual([expect.stringContaining('Toffee'), expect.stringContaining('Fudge')]));
  });

  it('filters by stock, sorts by a column, archives, and adjusts with a reason', async () => {
    let sweets = [fudge];
    const { calls } = renderApp(<StockTable />, {
      session: sessionFor(boss),
      routes: {
        'GET /api/sweets/': () => json(200, { count: sweets.length, next: null, previous: null, results: sweets }),
        'PATCH /api/sweets/4/': (call: Call) => {
          sweets = [{ ...fudge, ...(call.body as object) }];
          return json(200, sweets[0]);
        },
        'POST /api/sweets/4/adjust/': (call: Call) => {
          const body = call.body as { counted: number };
          sweets = [{ ...fudge, quantity: body.counted }];
          return json(200, { entry: {}, sweet: sweets[0] });
        },
      },
    });
    await screen.findAllByTestId('stock-row');
    await userEvent.click(screen.getByRole('button', { name: 'Low' }));
    await waitFor(() => expect(calls.at(-1)!.path).toBe('/api/sweets/?ordering=quantity&page_size=10&stock=low'));
    expect(screen.getByRole('button', { name: 'Low' })).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(screen.getByRole('button', { name: 'Price' }));
    await waitFor(() => expect(calls.at(-1)!.path).toBe('/api/sweets/?ordering=price&page_size=10&stock=low'));
    await userEvent.click(screen.getByRole('button', { name: 'Price' }));
    await waitFor(() => expect(calls.at(-1)!.path).toBe('/api/sweets/?ordering=-price&page_size=10&stock=low'));
    expect(screen.getByRole('columnheader', { name: /Price/ })).toHaveAttribute('aria-sort', 'descending');

    await userEvent.click(screen.getByRole('button', { name: 'More actions for Fudge' }));
    await userEvent.click(screen.getByRole('button', { name: 'Archive Fudge' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ active: false });

    await userEvent.click(await screen.findByRole('button', { name: 'More actions for Fudge' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Adjust Fudge' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Adjust Fudge' }));
    await userEvent.type(dialog.getByLabelText('Quantity counted'), '9');
    await userEvent.selectOptions(dialog.getByLabelText('Reason'), 'damaged');
    await userEvent.type(dialog.getByLabelText('Note (optional)'), 'box crushed');
    await userEvent.click(dialog.getByRole('button', { name: 'Save adjustment' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(calls.find((c) => c.path === '/api/sweets/4/adjust/')!.body).toEqual({
      counted: 9,
      reason: 'damaged',
      note: 'box crushed',
    });
  });
});
