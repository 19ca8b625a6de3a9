import { describe, expect, it } from 'vitest';
import { addDays, daysIn, periodLabel } from './dates';
import { change, sumRows } from './figures';
import type { SalesRow } from './api/reports';

const row = (net: string, profit: string, orders: number, units: number, refunded = 0): SalesRow => ({
  period: '2026-12-01',
  orders,
  units,
  revenue: net,
  refunded_units: refunded,
  refunds: '0.00',
  net_revenue: net,
  cost: '0.00',
  gross_profit: profit,
  margin: null,
  uncosted_units: 0,
});

describe('report figures', () => {
  it('sums money in whole cents, refunds and negative days included', () => {
    const s = sumRows([row('0.10', '0.05', 1, 2), row('0.20', '0.07', 2, 3, 1), row('-1.50', '-1.20', 0, 0, 2)]);
    expect(s).toEqual({ revenue: -120, orders: 3, units: 2, profit: -108 });
  });

  it('says how a figure compares with the period before', () => {
    expect(change(150, 100, 'yesterday', 'None yesterday')).toBe('Up 50% on yesterday');
    expect(change(50, 100, 'yesterday', 'None yesterday')).toBe('Down 50% on yesterday');
    expect(change(-50, -100, 'yesterday', 'None yesterday')).toBe('Up 50% on yesterday');
    expect(change(7, 0, 'the previous 7 days', 'None in the previous 7 days')).toBe('None in the previous 7 days');
    expect(change(0, 0, 'yesterday', 'None yesterday')).toBe('Same as yesterday');
    expect(change(1001, 1000, 'yesterday', 'None yesterday')).toBe('About the same as yesterday');
  });

  it('steps whole days across months and leap years, and labels periods', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-01', -29)).toBe('2026-11-02');
    expect(daysIn('2026-11-02', '2026-12-01')).toBe(30);
    expect(periodLabel('2026-12-01', 'day')).toBe('1 Dec');
    expect(periodLabel('2026-11-30', 'week')).toBe('Week of 30 Nov');
    expect(periodLabel('2026-12', 'month')).toBe('Dec 2026');
  });
});
