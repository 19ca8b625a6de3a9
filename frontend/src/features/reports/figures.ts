// Sums of a report's day rows in integer cents (the API's money strings are exact decimals), and how a figure
// compares with the period before, in words.
import { priceCents } from '@/lib/format';
import type { SalesRow } from './api/reports';

export interface Summed {
  revenue: number; // net revenue, cents
  orders: number;
  units: number; // sold less refunded
  profit: number | null; // gross profit, cents; null where the rows have none (staff do not see profit)
}

export function sumRows(rows: SalesRow[]): Summed {
  return rows.reduce<Summed>(
    (s, r) => ({
      revenue: s.revenue + priceCents(r.net_revenue),
      orders: s.orders + r.orders,
      units: s.units + r.units - r.refunded_units,
      profit: r.gross_profit === undefined || s.profit === null ? null : s.profit + priceCents(r.gross_profit),
    }),
    { revenue: 0, orders: 0, units: 0, profit: rows.length ? 0 : null },
  );
}

/// "Up 12% on the previous 7 days", "Down 3% …", "Same as …", or `none` when there was nothing to compare with.
export function change(current: number, previous: number, than: string, none: string): string {
  if (previous === current) return `Same as ${than}`;
  if (previous === 0) return none;
  const percent = Math.round(((current - previous) / Math.abs(previous)) * 100);
  if (percent === 0) return `About the same as ${than}`;
  return `${percent > 0 ? 'Up' : 'Down'} ${Math.abs(percent)}% on ${than}`;
}
