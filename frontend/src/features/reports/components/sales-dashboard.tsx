// The staff dashboard: the period at a glance, revenue over a chosen range by day, week or month, the best sellers
// of that range, the stock's value, and the CSV exports. Days are the shop's (SWEETSHOP_TIME_ZONE): "today" is the
// server's, read from its default report.
import { useState } from 'react';
import { Alert, Spinner } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { errorMessage } from '@/lib/api-error';
import { useApi } from '@/lib/api-context';
import { formatCount, formatPrice, formatNumber } from '@/lib/format';
import {
  downloadExport,
  EXPORTS,
  type ExportKind,
  type Period,
  type TimeGroup,
  useBestSellers,
  useSales,
  useStockValue,
} from '../api/reports';
import { addDays, daysIn } from '../dates';
import { PeriodSummary } from './period-summary';
import { RevenueChart } from './revenue-chart';
import { SalesTable } from './sales-table';
import '../reports.css';

export function SalesDashboard() {
  const first = useSales({}, 'day');
  const today = first.data?.to;
  return (
    <section className="panel" aria-labelledby="dashboard-title">
      <div className="panel-head">
        <h1 id="dashboard-title">Dashboard</h1>
        {first.data ? <p className="count">Days in {first.data.time_zone}</p> : null}
      </div>
      {first.isPending ? <Spinner label="Loading the figures…" /> : null}
      {first.error ? (
        <Alert>
          {errorMessage(first.error)}{' '}
          <Button variant="ghost" onClick={() => void first.refetch()}>
            Try again
          </Button>
        </Alert>
      ) : null}
      {today ? (
        <>
          <PeriodSummary today={today} />
          <SalesOverTime today={today} />
        </>
      ) : null}
      <StockValue />
    </section>
  );
}

function SalesOverTime({ today }: { today: string }) {
  const [from, setFrom] = useState(addDays(today, -29));
  const [to, setTo] = useState(today);
  const [group, setGroup] = useState<TimeGroup>('day');
  const [by, setBy] = useState<'units' | 'revenue'>('units');
  const valid = from !== '' && to !== '' && from <= to;
  const [period, setPeriod] = useState<Period>({ from, to });
  const sales = useSales(period, group);
  const best = useBestSellers(period, by);
  const profit = best.data?.results[0]?.gross_profit !== undefined; // the owner's only
  const rangeError = from !== '' && to !== '' && from > to ? ['Choose a day on or after the first.'] : undefined;
  const apply = (next: { from?: string; to?: string }) => {
    const f = next.from ?? from;
    const t = next.to ?? to;
    if (next.from !== undefined) setFrom(f);
    if (next.to !== undefined) setTo(t);
    if (f !== '' && t !== '' && f <= t) setPeriod({ from: f, to: t });
  };
  return (
    <>
      <section aria-labelledby="over-time-title" className="report-section">
        <h2 id="over-time-title">Revenue over time</h2>
        <div className="report-controls">
          <TextField
            label="From"
            type="date"
            value={from}
            max={today}
            onChange={(e) => apply({ from: e.target.value })}
          />
          <TextField
            label="To"
            type="date"
            value={to}
            max={today}
            errors={rangeError}
            onChange={(e) => apply({ to: e.target.value })}
          />
          <div className="field">
            <label htmlFor="report-group">Group by</label>
            <select id="report-group" value={group} onChange={(e) => setGroup(e.target.value as TimeGroup)}>
              <option value="day">Day</option>
              <option value="week">Week</option>
              <option value="month">Month</option>
            </select>
          </div>
        </div>
        <p className="count" aria-live="polite">
          {valid
            ? `${formatCount(daysIn(period.from, period.to), 'day', 'days')}, ${period.from} to ${period.to}`
            : null}
        </p>
        {sales.isPending ? <Spinner label="Loading the sales…" /> : null}
        {sales.error ? <Alert>{errorMessage(sales.error)}</Alert> : null}
        {sales.data ? (
          <>
            <RevenueChart rows={sales.data.rows} group={group} />
            <SalesTable report={sales.data} group={group} />
          </>
        ) : null}
        <Exports period={period} />
      </section>
      <section aria-labelledby="best-title" className="report-section">
        <div className="panel-head">
          <h2 id="best-title">Best sellers</h2>
          <div className="field field-inline">
            <label htmlFor="best-by">By</label>
            <select id="best-by" value={by} onChange={(e) => setBy(e.target.value as 'units' | 'revenue')}>
              <option value="units">Units</option>
              <option value="revenue">Revenue</option>
            </select>
          </div>
        </div>
        {best.error ? <Alert>{errorMessage(best.error)}</Alert> : null}
        {best.data && best.data.results.length === 0 ? <p className="empty">Nothing sold in this period.</p> : null}
        {best.data && best.data.results.length ? (
          <div className="table-wrap">
            <table className="report-table" data-testid="best-sellers">
              <caption className="visually-hidden">
                Best sellers by {by}, {period.from} to {period.to}
              </caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Sweet</th>
                  <th scope="col">Units</th>
                  <th scope="col">Net revenue</th>
                  {profit ? <th scope="col">Gross profit</th> : null}
                </tr>
              </thead>
              <tbody>
                {best.data.results.map((r, i) => (
                  <tr key={r.sweet} data-sweet={r.sweet}>
                    <td>{i + 1}</td>
                    <th scope="row">{r.name}</th>
                    <td>{r.units}</td>
                    <td>{formatPrice(r.net_revenue)}</td>
                    {profit ? <td>{formatPrice(r.gross_profit ?? '')}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}

function Exports({ period }: { period: Period }) {
  const client = useApi();
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const download = async (kind: ExportKind) => {
    setBusy(kind);
    setResult(null);
    try {
      setResult({ ok: true, text: `Saved ${await downloadExport(client, kind, period)}.` });
    } catch (e) {
      setResult({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="exports" role="group" aria-labelledby="exports-title">
      <h3 id="exports-title">Download as CSV</h3>
      <div className="export-buttons">
        {EXPORTS.map((e) => (
          <Button key={e.kind} variant="secondary" busy={busy === e.kind} onClick={() => void download(e.kind)}>
            {e.label}
            {e.dated ? null : ' (now)'}
          </Button>
        ))}
      </div>
      {result ? <Alert kind={result.ok ? 'success' : 'error'}>{result.text}</Alert> : null}
    </div>
  );
}

function StockValue() {
  const stock = useStockValue();
  const data = stock.data;
  const costs = data?.totals.value_at_cost !== undefined; // the owner's only
  return (
    <section aria-labelledby="stock-value-title" className="report-section">
      <h2 id="stock-value-title">Stock value</h2>
      {stock.error ? <Alert>{errorMessage(stock.error)}</Alert> : null}
      {data ? (
        <>
          <dl className="totals">
            <div>
              <dt>At price</dt>
              <dd data-testid="stock-at-price">{formatPrice(data.totals.value_at_price)}</dd>
            </div>
            {data.totals.value_at_cost !== undefined ? (
              <div>
                <dt>At cost</dt>
                <dd data-testid="stock-at-cost">{formatPrice(data.totals.value_at_cost)}</dd>
              </div>
            ) : null}
            <div>
              <dt>Below reorder level</dt>
              <dd data-testid="stock-low">{data.low_stock.length}</dd>
            </div>
          </dl>
          {data.totals.uncosted_units ? (
            <p className="field-hint">
              {formatNumber(data.totals.uncosted_units)} units have no cost yet and are left out of the value at cost.
            </p>
          ) : null}
          {data.categories.length ? (
            <div className="table-wrap">
              <table className="report-table" data-testid="stock-value">
                <caption className="visually-hidden">Stock value by category</caption>
                <thead>
                  <tr>
                    <th scope="col">Category</th>
                    <th scope="col">Sweets</th>
                    <th scope="col">Units</th>
                    <th scope="col">At price</th>
                    {costs ? <th scope="col">At cost</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {data.categories.map((c) => (
                    <tr key={c.category} data-category={c.category}>
                      <th scope="row">{c.category}</th>
                      <td>{c.sweets}</td>
                      <td>{formatNumber(c.units)}</td>
                      <td>{formatPrice(c.value_at_price)}</td>
                      {costs ? <td>{formatPrice(c.value_at_cost ?? '')}</td> : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="empty">No sweets yet.</p>
          )}
        </>
      ) : null}
    </section>
  );
}
