import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { StorefrontSweet } from '@/lib/api/storefront';
import { json, renderApp } from '@/testing/test-utils';
import { Storefront } from './storefront';

const creme: StorefrontSweet = {
  id: 1,
  name: 'Crème Brûlée Bites',
  category: 'Pâtisserie',
  description: 'Vanilla',
  price: '2.40',
  availability: 'low',
  left: 3,
  image: '/api/images/0123456789abcdef0123456789abcdef-card.webp',
  thumbnail: '/api/images/0123456789abcdef0123456789abcdef-thumb.webp',
};
const bears: StorefrontSweet = {
  ...creme,
  id: 2,
  name: 'Gummy Bears',
  availability: 'sold_out',
  left: null,
  image: null,
  thumbnail: null,
};
const page = (results: StorefrontSweet[]) => json(200, { count: results.length, next: null, previous: null, results });

describe('Storefront', () => {
  it('shows availability instead of counts, photos or a placeholder, and searches as you type', async () => {
    const requests: string[] = [];
    renderApp(<Storefront />, {
      routes: {
        'GET /api/metrics/sweets/': () => json(200, [{ category: 'Pâtisserie', sweet_count: 1, total_quantity: 3 }]),
        'GET /api/storefront/sweets/': (call) => {
          requests.push(call.path);
          return page(call.path.includes('q=creme') ? [creme] : [creme, bears]);
        },
      },
    });
    const card = (await screen.findByRole('heading', { name: 'Crème Brûlée Bites' })).closest('article')!;
    expect(within(card as HTMLElement).getByTestId('availability')).toHaveTextContent('Only 3 left');
    expect((card as HTMLElement).querySelector('img')).toHaveAttribute('src', creme.thumbnail);
    const other = screen.getByRole('heading', { name: 'Gummy Bears' }).closest('article') as HTMLElement;
    expect(within(other).getByTestId('availability')).toHaveTextContent('Sold out');
    expect(within(other).getByTestId('photo-placeholder')).toHaveAttribute('aria-label', 'No photo of Gummy Bears yet');
    expect(within(other).getByRole('button', { name: 'Sold out' })).toBeDisabled();
    // Without a token: the storefront never sends one.
    expect(requests[0]).toBe('/api/storefront/sweets/?page_size=12');

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search' }), 'creme');
    await waitFor(() => expect(requests.at(-1)).toBe('/api/storefront/sweets/?q=creme&page_size=12'));
    expect(requests.filter((r) => r.includes('q=c'))).toHaveLength(1); // one request once typing pauses
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Gummy Bears' })).toBeNull());

    await userEvent.selectOptions(screen.getByLabelText('Category'), 'Pâtisserie');
    await waitFor(() => expect(requests.at(-1)).toContain('category=P%C3%A2tisserie'));
  });
});
