// Today, the last 7 days or the last 30 days (in the shop's zone) against the period just before: net revenue,
// orders, units and gross profit, from one report of the last 60 days by day.
import { useState } from 'react';
import { Alert, Spinner } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/api-error';
import { formatCents, formatNumber } from '@/lib/format';
import { useSales } from '../api/reports';
import { addDays } from '../dates';
import { change, sumRows } from '../figures';

const SPANS = [
  { days: 1, label: 'Today', previous: 'yesterday', none: 'None yesterday' },
  { days: 7, label: '7 days', previous: 'the previous 7 days', none: 'None in the previous 7 days' },
  { days: 30, label: '30 days', previous: 'the previous 30 days', none: 'None in the previous 30 days' },
] as const;

export function PeriodSummary({ today }: { today: string }) {
  const [days, setDays] = useState<1 | 7 | 30>(7);
  const report = useSales({ from: addDays(today, -59), to: today }, 'day');
  const span = SPANS.find((s) => s.days === days)!;
  const rows = report.data?.rows ?? [];
  const current = sumRows(rows.slice(rows.length - days));
  const previous = sumRows(rows.slice(rows.length - 2 * days, rows.length - days));
  const cards = [
    {
      key: 'revenue',
      label: 'Revenue',
      value: formatCents(current.revenue),
      now: current.revenue,
      before: previous.revenue,
    },
    {
      key: 'orders',
      label: 'Orders',
      value: formatNumber(current.orders),
      now: current.orders,
      before: previous.orders,
    },
    {
      key: 'units',
      label: 'Units sold',
      value: formatNumber(current.units),
      now: current.units,
      before: previous.units,
    },
  ];
  // The owner's only: staff answers carry no profit.
  if (current.profit !== null && previous.profit !== null)
    cards.push({
      key: 'profit',
      label: 'Gross profit',
      value: formatCents(current.profit),
      now: current.profit,
      before: previous.profit,
    });
  return (
    <section aria-labelledby="summary-title" className="report-section">
      <div className="panel-head">
        <h2 id="summary-title">At a glance</h2>
        <div role="radiogroup" aria-label="Period" className="segmented">
          {SPANS.map((s) => (
            <label key={s.days} className={s.days === days ? 'segment segment-on' : 'segment'}>
              <input
                type="radio"
                name="summary-span"
                value={s.days}
                checked={s.days === days}
                onChange={() => setDays(s.days)}
              />
              {s.label}
            </label>
          ))}
        </div>
      </div>
      {report.isPending ? <Spinner label="Loading the figures…" /> : null}
      {report.error ? (
        <Alert>
          {errorMessage(report.error)}{' '}
          <Button variant="ghost" onClick={() => void report.refetch()}>
            Try again
          </Button>
        </Alert>
      ) : null}
      {report.data ? (
        <dl className="totals totals-four" data-testid="period-summary">
          {cards.map((c) => (
            <div key={c.key}>
              <dt>{c.label}</dt>
              <dd data-testid={`summary-${c.key}`}>{c.value}</dd>
              <dd className="change" data-testid={`summary-${c.key}-change`}>
                {change(c.now, c.before, span.previous, span.none)}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </section>
  );
}
