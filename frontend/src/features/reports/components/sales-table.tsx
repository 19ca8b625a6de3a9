// Every figure of a sales report's time rows, with the totals, in a table (the chart's exact form).
import { formatPrice, formatCount } from '@/lib/format';
import type { SalesReport, TimeGroup } from '../api/reports';
import { periodLabel } from '../dates';

/// Cost, gross profit and margin are the owner's only: staff answers leave them out, and so does the table.
export function SalesTable({ report, group }: { report: SalesReport; group: TimeGroup }) {
  const t = report.totals;
  const costs = t.cost !== undefined;
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
            {costs ? (
              <>
                <th scope="col">Cost</th>
                <th scope="col">Gross profit</th>
                <th scope="col">Margin</th>
              </>
            ) : null}
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
              {costs ? <CostCells cost={r.cost} profit={r.gross_profit} margin={r.margin} /> : null}
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
            {costs ? <CostCells cost={t.cost} profit={t.gross_profit} margin={t.margin} /> : null}
          </tr>
        </tfoot>
      </table>
      {t.uncosted_units ? (
        <p className="field-hint">
          {formatCount(t.uncosted_units, 'unit', 'units')} sold without a known cost: their revenue counts as profit.
        </p>
      ) : null}
    </div>
  );
}

function CostCells({ cost, profit, margin }: { cost?: string; profit?: string; margin?: string | null }) {
  return (
    <>
      <td>{formatPrice(cost ?? '')}</td>
      <td>{formatPrice(profit ?? '')}</td>
      <td>{margin ? `${margin}%` : '—'}</td>
    </>
  );
}
