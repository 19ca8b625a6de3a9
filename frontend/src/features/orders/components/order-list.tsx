// A list of orders, newest first: a customer's own ("My orders"), or for staff everyone's with filters (dates,
// customer, status) kept in the URL.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Spinner } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { Pagination } from '@/components/ui/pagination';
import { errorMessage } from '@/lib/api-error';
import { type OrderQuery, useOrders } from '@/lib/api/orders';
import { formatPrice, formatCount } from '@/lib/format';
import { formatWhen, STATUS_LABELS, StatusBadge } from './order-facts';
import '../orders.css';

const PAGE_SIZE = 20;
const FILTERS = ['from', 'to', 'customer', 'status'] as const;

function Filters({ query, onApply }: { query: OrderQuery; onApply(q: OrderQuery): void }) {
  const [form, setForm] = useState<OrderQuery>(query);
  return (
    <form
      className="filters order-filters"
      aria-label="Filter orders"
      onSubmit={(e) => {
        e.preventDefault();
        onApply({ ...form, page: 1 });
      }}
    >
      <TextField
        label="From"
        type="date"
        value={form.from ?? ''}
        onChange={(e) => setForm({ ...form, from: e.target.value })}
      />
      <TextField
        label="To"
        type="date"
        value={form.to ?? ''}
        onChange={(e) => setForm({ ...form, to: e.target.value })}
      />
      <TextField
        label="Customer"
        value={form.customer ?? ''}
        onChange={(e) => setForm({ ...form, customer: e.target.value })}
      />
      <div className="field">
        <label htmlFor="order-status">Status</label>
        <select
          id="order-status"
          value={form.status ?? ''}
          onChange={(e) => setForm({ ...form, status: e.target.value })}
        >
          <option value="">Any</option>
          {Object.entries(STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="filters-actions">
        <Button type="submit">Filter</Button>
      </div>
    </form>
  );
}

export function OrderList({ staff = false }: { staff?: boolean }) {
  const [params, setParams] = useSearchParams();
  const query: OrderQuery = { page: Number(params.get('page') ?? '1') || 1, page_size: PAGE_SIZE };
  if (staff) for (const f of FILTERS) if (params.get(f)) query[f] = params.get(f) ?? undefined;
  const orders = useOrders(query);
  const apply = (q: OrderQuery) => {
    const next = new URLSearchParams();
    for (const f of FILTERS) if (q[f]) next.set(f, String(q[f]));
    if (q.page && q.page > 1) next.set('page', String(q.page));
    setParams(next);
  };
  const title = staff ? 'Orders' : 'My orders';
  const pages = orders.data ? Math.max(1, Math.ceil(orders.data.count / PAGE_SIZE)) : 1;
  return (
    <section className="panel" aria-labelledby="orders-title">
      <div className="panel-head">
        <h1 id="orders-title">{title}</h1>
        {orders.data ? (
          <span className="count" data-testid="order-count">
            {formatCount(orders.data.count, 'order', 'orders')}
          </span>
        ) : null}
      </div>
      {staff ? <Filters key={params.toString()} query={query} onApply={apply} /> : null}
      {orders.isPending ? <Spinner label="Loading orders…" /> : null}
      {orders.isError ? <Alert>{errorMessage(orders.error)}</Alert> : null}
      {orders.data && orders.data.count === 0 ? (
        <p className="empty">
          {staff ? 'No orders match.' : 'No orders yet.'} <Link to="/">Browse the catalogue</Link>
        </p>
      ) : null}
      {orders.data?.results.length ? (
        <div className="table-wrap">
          <table className="order-table orders">
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Date</th>
                {staff ? <th scope="col">Customer</th> : null}
                <th scope="col">Items</th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {orders.data.results.map((o) => (
                <tr key={o.number} data-testid="order-row">
                  <th scope="row">
                    <Link to={`/orders/${o.number}`}>{o.number}</Link>
                  </th>
                  <td>{formatWhen(o.created_at)}</td>
                  {staff ? <td>{o.customer ?? 'Walk-in'}</td> : null}
                  <td>{o.lines.map((l) => `${l.amount} × ${l.name}`).join(', ')}</td>
                  <td className="num">{formatPrice(o.total)}</td>
                  <td>
                    <StatusBadge status={o.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pagination
        page={query.page ?? 1}
        pageCount={pages}
        onPage={(page) => apply({ ...query, page })}
        label={`${title} pages`}
      />
    </section>
  );
}
