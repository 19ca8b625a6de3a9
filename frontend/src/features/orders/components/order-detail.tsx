// One order: its facts and lines, its refunds, the printable receipt (the server's own document, fetched with the
// session's token and shown in a frame), and for staff a refund of chosen lines after a confirmation.
import { useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { Alert, Spinner } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/field';
import { useApi, useSession } from '@/lib/api-context';
import { errorMessage } from '@/lib/api-error';
import { type Order, refundOrder, useOrder, useOrderChanged, useReceipt } from '@/lib/api/orders';
import { formatPrice, newIdempotencyKey } from '@/lib/format';
import { onSubmit, useFormMutation } from '@/lib/use-form-mutation';
import { formatWhen, OrderLines, StatusBadge } from './order-facts';
import '../orders.css';

function Receipt({ number }: { number: string }) {
  const receipt = useReceipt(number);
  const frame = useRef<HTMLIFrameElement>(null);
  if (receipt.isPending) return <Spinner label="Loading the receipt…" />;
  if (receipt.isError) return <Alert>{errorMessage(receipt.error)}</Alert>;
  return (
    <div className="receipt-view">
      <iframe
        ref={frame}
        title={`Receipt of order ${number}`}
        srcDoc={receipt.data}
        className="receipt-frame"
        sandbox="allow-same-origin allow-modals"
      />
      <Button onClick={() => frame.current?.contentWindow?.print()}>Print receipt</Button>
    </div>
  );
}

function RefundForm({ order, onClose }: { order: Order; onClose(): void }) {
  const client = useApi();
  const changed = useOrderChanged();
  const open = order.lines.filter((l) => l.refunded < l.amount);
  const [amounts, setAmounts] = useState<Record<number, string>>({});
  const [restock, setRestock] = useState(true);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const chosen = open
    .map((l) => ({ sweet: l.sweet, amount: Number(amounts[l.sweet] ?? '0') }))
    .filter((l) => Number.isInteger(l.amount) && l.amount > 0);
  const refund = useFormMutation(['lines', 'reason', 'restock'], {
    mutationFn: () => refundOrder(client, order.number, { lines: chosen, restock, reason }, newIdempotencyKey()),
    onSuccess: (updated) => {
      changed(updated);
      onClose();
    },
    onError: () => setConfirming(false),
  });
  return (
    <form
      className="refund-form"
      onSubmit={onSubmit(() => setConfirming(true))}
      noValidate
      aria-label={`Refund order ${order.number}`}
    >
      <h2>Refund</h2>
      {open.map((l) => (
        <TextField
          key={l.sweet}
          label={`${l.name} (up to ${l.amount - l.refunded})`}
          inputMode="numeric"
          value={amounts[l.sweet] ?? ''}
          placeholder="0"
          onChange={(e) => setAmounts({ ...amounts, [l.sweet]: e.target.value })}
        />
      ))}
      <fieldset className="choice">
        <legend>The units</legend>
        <label>
          <input type="radio" name="restock" checked={restock} onChange={() => setRestock(true)} /> Back to stock
        </label>
        <label>
          <input type="radio" name="restock" checked={!restock} onChange={() => setRestock(false)} /> Written off
        </label>
      </fieldset>
      <TextField
        label="Reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        errors={refund.errors.fieldErrors.reason}
        required
      />
      {refund.errors.message || refund.errors.fieldErrors.lines ? (
        <Alert>{refund.errors.fieldErrors.lines?.join(' ') ?? refund.errors.message}</Alert>
      ) : null}
      <div className="form-actions">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" variant="danger" disabled={!chosen.length}>
          Refund…
        </Button>
      </div>
      {confirming ? (
        <Dialog title={`Refund order ${order.number}?`} onClose={() => setConfirming(false)}>
          <p>
            {chosen.map((c) => `${c.amount} × ${open.find((l) => l.sweet === c.sweet)?.name ?? c.sweet}`).join(', ')}{' '}
            {restock ? 'go back to stock.' : 'are written off.'} This cannot be undone.
          </p>
          <div className="form-actions">
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Keep the order
            </Button>
            <Button variant="danger" onClick={() => refund.submit()} busy={refund.busy}>
              Refund
            </Button>
          </div>
        </Dialog>
      ) : null}
    </form>
  );
}

export function OrderDetail({ number }: { number: string }) {
  const order = useOrder(number);
  const session = useSession();
  const location = useLocation();
  const placed = (location.state as { placed?: boolean } | null)?.placed === true;
  const [refunding, setRefunding] = useState(false);
  if (order.isPending) return <Spinner label="Loading the order…" />;
  if (order.isError)
    return (
      <section className="panel">
        <h1>Order {number}</h1>
        <Alert>{errorMessage(order.error)}</Alert>
        <Link to="/orders">Back to my orders</Link>
      </section>
    );
  const o = order.data;
  const staff = session?.user.is_staff ?? false;
  return (
    <section className="panel" aria-labelledby="order-title">
      {placed ? <Alert kind="success">Thank you! Your order {o.number} is placed.</Alert> : null}
      <div className="panel-head">
        <h1 id="order-title">Order {o.number}</h1>
        <StatusBadge status={o.status} />
      </div>
      <dl className="order-meta">
        <dt>Placed</dt>
        <dd>{formatWhen(o.created_at)}</dd>
        <dt>Customer</dt>
        <dd>{o.customer ?? 'Walk-in'}</dd>
        {o.seller ? (
          <>
            <dt>Served by</dt>
            <dd>{o.seller}</dd>
          </>
        ) : null}
        {o.payment ? (
          <>
            <dt>Paid by</dt>
            <dd>
              {o.payment.method}
              {o.payment.change ? ` (change ${formatPrice(o.payment.change)})` : ''}
            </dd>
          </>
        ) : null}
        {o.note ? (
          <>
            <dt>Note</dt>
            <dd>{o.note}</dd>
          </>
        ) : null}
      </dl>
      <OrderLines order={o} />
      {o.refunds.length ? (
        <div className="refunds">
          <h2>Refunds</h2>
          <ul>
            {o.refunds.map((r) => (
              <li key={r.at}>
                {formatWhen(r.at)}: {formatPrice(r.total)} by {r.by}, {r.restock ? 'back to stock' : 'written off'} —{' '}
                {r.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {staff && o.status !== 'refunded' ? (
        refunding ? (
          <RefundForm order={o} onClose={() => setRefunding(false)} />
        ) : (
          <Button variant="secondary" onClick={() => setRefunding(true)}>
            Refund lines…
          </Button>
        )
      ) : null}
      <Receipt number={o.number} />
    </section>
  );
}
