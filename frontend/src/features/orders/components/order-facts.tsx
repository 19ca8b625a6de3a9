// What every view of an order shows: number, date, who, status, lines and totals.
import type { Order } from '@/lib/api/orders';
import { formatPrice, formatAmount, formatUnitPrice } from '@/lib/format';

export const STATUS_LABELS: Record<Order['status'], string> = {
  paid: 'Paid',
  partially_refunded: 'Partly refunded',
  refunded: 'Refunded',
};

export { formatWhen } from '@/lib/format';

export function StatusBadge({ status }: { status: Order['status'] }) {
  return <span className={`badge badge-${status}`}>{STATUS_LABELS[status]}</span>;
}

export function OrderLines({ order }: { order: Order }) {
  return (
    <div className="table-wrap">
      <table className="order-table">
        <thead>
          <tr>
            <th scope="col">Sweet</th>
            <th scope="col" className="num">
              Price
            </th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col" className="num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((l) => (
            <tr key={l.sweet}>
              <th scope="row">
                {l.name}
                {l.refunded ? <span className="line-note">{l.refunded} refunded</span> : null}
              </th>
              <td className="num">{formatUnitPrice(l.unit, l.unit_price)}</td>
              <td className="num">{formatAmount(l.unit, l.amount)}</td>
              <td className="num">{formatPrice(l.total)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Total
            </th>
            <td className="num">{formatPrice(order.total)}</td>
          </tr>
          {order.refunded_total !== '0.00' ? (
            <tr>
              <th scope="row" colSpan={3}>
                Refunded
              </th>
              <td className="num">−{formatPrice(order.refunded_total)}</td>
            </tr>
          ) : null}
        </tfoot>
      </table>
    </div>
  );
}
