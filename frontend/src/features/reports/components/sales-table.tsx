// Every figure of a sales report's time rows, with the totals, in a table (the chart's exact form).
import { formatPrice } from '@/lib/format';
import type { SalesReport, TimeGroup } from '../api/reports';
import { periodLabel } from '../dates';

export function SalesTable({ report, group }: { report: SalesReport; group: TimeGroup }) {
  const t = report.totals;
  return (
    <div className="table-wrap">
      <table className="report-table" data-testid="sales-table">
        <caption className="visually-hidden">Sales by {group}</caption>
        <thead>
          <tr>
            <th scope="col">{group === 'day' ? 'Day' : group === 'week' ? 'Week' : 'Month'}</th>
            <th scope="col">Orders</th>
            <th scope="col">Units</th>
            <th scope="col">Revenue</th>
            <th scope="col">Refunds</th>
            <th scope="col">Net revenue</th>
            <th scope="col">Cost</th>
            <th scope="col">Gross profit</th>
            <th scope="col">Margin</th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((r) => (
            <tr key={r.period} data-period={r.period}>
              <th scope="row">{periodLabel(r.period!, group)}</th>
              <td>{r.orders}</td>
              <td>{r.units}</td>
              <td>{formatPrice(r.revenue)}</td>
              <td>{formatPrice(r.refunds)}</td>
              <td data-testid="net-revenue">{formatPrice(r.net_revenue)}</td>
              <td>{formatPrice(r.cost)}</td>
              <td>{formatPrice(r.gross_profit)}</td>
              <td>{r.margin === null ? '—' : `${r.margin}%`}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="sales-totals">
            <th scope="row">Total</th>
            <td>{t.orders}</td>
            <td>{t.units}</td>
            <td>{formatPrice(t.revenue)}</td>
            <td>{formatPrice(t.refunds)}</td>
            <td data-testid="net-revenue">{formatPrice(t.net_revenue)}</td>
            <td>{formatPrice(t.cost)}</td>
            <td>{formatPrice(t.gross_profit)}</td>
            <td>{t.margin === null ? '—' : `${t.margin}%`}</td>
          </tr>
        </tfoot>
      </table>
      {t.uncosted_units > 0 ? (
        <p className="field-hint">
          {t.uncosted_units} unit{t.uncosted_units === 1 ? '' : 's'} sold without a known cost: their revenue counts as
          profit.
        </p>
      ) : null}
    </div>
  );
}
