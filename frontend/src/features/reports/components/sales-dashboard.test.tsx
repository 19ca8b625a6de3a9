import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boss, type Call, json, renderApp, sam, sessionFor } from '@/testing/test-utils';
import { addDays } from '../dates';
import { SalesDashboard } from './sales-dashboard';

const TODAY = '2026-12-01';
const money = (cents: number) => (cents / 100).toFixed(2);

/// A day's figures: day i (0 = today) sold i + 1 orders of 1.00 each; profit is 40% of it.
function dayRow(period: string) {
  const back = Math.round((Date.parse(`${TODAY}T00:00:00Z`) - Date.parse(`${period}T00:00:00Z`)) / 86_400_000);
  const orders = back < 7 ? 2 : 1; // the last 7 days sold twice what the 7 before did
  return {
    period,
    orders,
    units: orders,
    revenue: money(orders * 100),
    refunded_units: 0,
    refunds: '0.00',
    net_revenue: money(orders * 100),
    cost: money(orders * 60),
    gross_profit: money(orders * 40),
    margin: '40.0',
    uncosted_units: 0,
  };
}

function sales(call: Call) {
  const q = new URL(call.path, 'http://shop.test').searchParams;
  const to = q.get('to') ?? TODAY;
  const from = q.get('from') ?? addDays(TODAY, -29);
  const rows = [];
  for (let d = from; d <= to; d = addDays(d, 1)) rows.push(dayRow(d));
  const sum = rows.reduce((n, r) => n + r.orders, 0);
  return json(200, {
    from,
    to,
    group: q.get('group'),
    time_zone: 'Europe/London',
    rows,
    totals: { ...dayRow(to), orders: sum, units: sum, revenue: money(sum * 100), net_revenue: money(sum * 100) },
  });
}

const routes = {
  'GET /api/reports/sales/': sales,
  'GET /api/reports/best-sellers/': () =>
    json(200, {
      from: '',
      to: '',
      by: 'units',
      results: [{ sweet: 4, name: 'Mint Humbugs', units: 12, net_revenue: '12.00', gross_profit: '4.80' }],
    }),
  'GET /api/reports/stock/': () =>
    json(200, {
      categories: [
        { category: 'Mints', sweets: 2, units: 30, value_at_price: '30.00', value_at_cost: '12.00', uncosted_units: 0 },
      ],
      totals: { sweets: 2, units: 30, value_at_price: '30.00', value_at_cost: '12.00', uncosted_units: 0 },
      low_stock: [],
    }),
  'GET /api/exports/orders/': () =>
    new Response('number,status\r\n10001,paid\r\n', { headers: { 'Content-Type': 'text/csv' } }),
};

/// A report row as staff get it: without the owner's cost and profit figures.
const withoutCosts = (r: Record<string, unknown>) => {
  const { cost: _c, gross_profit: _g, margin: _m, uncosted_units: _u, ...rest } = r;
  return rest;
};

describe('SalesDashboard', () => {
  beforeEach(() => {
    URL.createObjectURL = vi.fn<(blob: Blob) => string>(() => 'blob:export');
    URL.revokeObjectURL = vi.fn<(url: string) => void>();
  });
  afterEach(() => vi.restoreAllMocks());

  it('compares the period with the one before, in the shop’s days', async () => {
    renderApp(<SalesDashboard />, { session: sessionFor(boss), routes });
    expect(await screen.findByTestId('summary-revenue')).toHaveTextContent('$14.00'); // 7 days × 2 orders
    expect(screen.getByTestId('summary-revenue-change')).toHaveTextContent('Up 100% on the previous 7 days');
    expect(screen.getByTestId('summary-profit')).toHaveTextContent('$5.60');
    await userEvent.click(screen.getByRole('radio', { name: 'Today' }));
    expect(screen.getByTestId('summary-orders')).toHaveTextContent('2');
    expect(screen.getByTestId('summary-orders-change')).toHaveTextContent('Same as yesterday');
    await userEvent.click(screen.getByRole('radio', { name: '30 days' }));
    expect(screen.getByTestId('summary-units')).toHaveTextContent('37'); // 7 × 2 + 23 × 1
  });

  it('charts and tabulates the chosen range, and downloads its CSV', async () => {
    const { calls } = renderApp(<SalesDashboard />, { session: sessionFor(boss), routes });
    const table = await screen.findByTestId('sales-table');
    expect(within(table).getAllByRole('row')).toHaveLength(32); // header, 30 days, total
    expect(screen.getByRole('img', { name: /Net revenue \$37\.00 over 30 days/ })).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-25' } });
    await waitFor(() => expect(within(screen.getByTestId('sales-table')).getAllByRole('row')).toHaveLength(9));
    expect(calls.some((c) => c.path.includes('from=2026-11-25&to=2026-12-01'))).toBe(true);
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-11-20' } });
    expect(await screen.findByText('Choose a day on or after the first.')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('To'), { target: { value: TODAY } });

    await userEvent.click(screen.getByRole('button', { name: 'Orders' }));
    expect(await screen.findByText('Saved orders-2026-11-25-to-2026-12-01.csv.')).toBeInTheDocument();
    const download = calls.find((c) => c.path.startsWith('/api/exports/orders/'))!;
    expect(download.path).toBe('/api/exports/orders/?from=2026-11-25&to=2026-12-01');
    expect(download.headers.Accept).toContain('text/csv');
    expect(download.headers.Authorization).toMatch(/^Bearer /);
  });

  it('lists the best sellers and the stock’s value', async () => {
    renderApp(<SalesDashboard />, { session: sessionFor(boss), routes });
    const best = await screen.findByTestId('best-sellers');
    expect(within(best).getByRole('row', { name: /Mint Humbugs/ })).toHaveTextContent('$12.00');
    expect(await screen.findByTestId('stock-at-cost')).toHaveTextContent('$12.00');
    expect(screen.getByTestId('stock-at-price')).toHaveTextContent('$30.00');
  });

  it('shows staff the sales without costs or profit (the owner’s figures)', async () => {
    renderApp(<SalesDashboard />, {
      session: sessionFor(sam),
      routes: {
        ...routes,
        'GET /api/reports/sales/': async (call) => {
          const body = await sales(call).json();
          return json(200, { ...body, rows: body.rows.map(withoutCosts), totals: withoutCosts(body.totals) });
        },
      },
    });
    expect(await screen.findByTestId('summary-revenue')).toHaveTextContent('$14.00');
    expect(screen.queryByTestId('summary-profit')).toBeNull();
    const table = await screen.findByTestId('sales-table');
    expect(within(table).queryByRole('columnheader', { name: 'Gross profit' })).toBeNull();
    expect(within(table).getByRole('columnheader', { name: 'Net revenue' })).toBeInTheDocument();
  });

  it('shows a fault in words with a way to try again', async () => {
    renderApp(<SalesDashboard />, {
      session: sessionFor(boss),
      routes: { ...routes, 'GET /api/reports/sales/': () => json(503, { detail: 'Database unavailable.' }) },
    });
    expect((await screen.findAllByRole('alert'))[0]).toHaveTextContent(
      'The shop is having trouble right now. Please try again.',
    );
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
