import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ann, json, renderApp, sessionFor } from '@/testing/test-utils';
import { Dashboard } from './dashboard';

describe('Dashboard', () => {
  it('charts the per-category numbers with totals', async () => {
    const { calls } = renderApp(<Dashboard />, {
      session: sessionFor(ann),
      routes: {
        'GET /api/metrics/sweets/': () =>
          json(200, [
            { category: 'Chocolate', sweet_count: 2, total_quantity: 15 },
            { category: 'Toffee', sweet_count: 1, total_quantity: 1200 },
          ]),
      },
    });
    expect(await screen.findByTestId('total-units')).toHaveTextContent('1,215');
    expect(screen.getByTestId('total-sweets')).toHaveTextContent('3');
    expect(screen.getByTestId('total-categories')).toHaveTextContent('2');
    const table = screen.getByTestId('metrics-table');
    const choc = within(table).getByRole('row', { name: /Chocolate/ });
    expect(within(choc).getByTestId('sweet-count')).toHaveTextContent('2');
    expect(within(choc).getByTestId('total-quantity')).toHaveTextContent('15');
    expect(calls[0]!.headers.Authorization).toBeUndefined();
  });

  it('draws each measure on its own scale: the most sweets and the most units each fill a bar', async () => {
    const { container } = renderApp(<Dashboard />, {
      session: sessionFor(ann),
      routes: {
        'GET /api/metrics/sweets/': () =>
          json(200, [
            { category: 'Chocolate', sweet_count: 4, total_quantity: 15 },
            { category: 'Toffee', sweet_count: 1, total_quantity: 1200 },
          ]),
      },
    });
    await screen.findByTestId('total-units');
    const widths = (selector: string) =>
      Array.from(container.querySelectorAll<HTMLElement>(selector)).map((b) => b.style.width);
    expect(widths('.bar-sweets')).toEqual(['100%', '25%']);
    expect(widths('.bar-units')).toEqual(['1.25%', '100%']);
  });

  it('says when there is nothing to chart, and shows faults in words', async () => {
    renderApp(<Dashboard />, { session: sessionFor(ann), routes: { 'GET /api/metrics/sweets/': () => json(200, []) } });
    expect(await screen.findByText('No sweets yet, so nothing to chart.')).toBeInTheDocument();
  });

  it('shows a database fault in words', async () => {
    renderApp(<Dashboard />, {
      session: sessionFor(ann),
      routes: { 'GET /api/metrics/sweets/': () => json(503, { detail: 'Database unavailable.' }) },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The shop is having trouble right now. Please try again.',
    );
  });
});
