// The shop's till (staff): find sweets by name as you type, add lines, choose a customer or a walk-in sale, take
// cash (the change shown) or card, and complete the sale. Usable by keyboard alone.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { useApi } from '@/lib/api-context';
import { type Order, placeOrder, useOrderChanged } from '@/lib/api/orders';
import { listSweets, useSweets } from '@/lib/api/sweets';
import { errorMessage } from '@/lib/api-error';
import {
  formatAmount,
  formatCents,
  formatPrice,
  formatUnitPrice,
  lineCents,
  newIdempotencyKey,
  priceCents,
  type Unit,
} from '@/lib/format';
import { onSubmit, useFormMutation } from '@/lib/use-form-mutation';
import '../orders.css';

interface TillLine {
  sweet: number;
  name: string;
  price: string;
  amount: number;
  unit: Unit;
}

/// A loose sweet goes on the till at this weight, for the scale's reading to replace.
const FIRST_WEIGHT = 100;

export function CounterSale() {
  const client = useApi();
  const changed = useOrderChanged();
  const [find, setFind] = useState('');
  const found = useSweets({ q: find.trim(), page_size: 8 });
  const [scan, setScan] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [lines, setLines] = useState<TillLine[]>([]);
  const [walkIn, setWalkIn] = useState(true);
  const [customer, setCustomer] = useState('');
  const [method, setMethod] = useState<'cash' | 'card' | 'other'>('cash');
  const [tendered, setTendered] = useState('');
  const [sold, setSold] = useState<Order | null>(null);
  const total = lines.reduce((sum, l) => sum + lineCents(l.unit, l.price, l.amount), 0);
  const tenderedCents = tendered.trim() ? priceCents(tendered) : null;
  const add = (s: { id: number; name: string; price: string; unit?: Unit }) => {
    const unit = s.unit ?? 'piece';
    setLines((ls) =>
      ls.some((l) => l.sweet === s.id)
        ? ls.map((l) => (l.sweet === s.id && l.unit === 'piece' ? { ...l, amount: l.amount + 1 } : l))
        : [...ls, { sweet: s.id, name: s.name, price: s.price, unit, amount: unit === 'gram' ? FIRST_WEIGHT : 1 }],
    );
    // A weighed sweet: the weight is what to type next.
    if (unit === 'gram') setTimeout(() => document.getElementById(`till-qty-${s.id}`)?.focus(), 0);
  };
  const sale = useFormMutation(['customer', 'payment', 'lines'], {
    mutationFn: () =>
      placeOrder(
        client,
        {
          lines: lines.map((l) => ({ sweet: l.sweet, amount: l.amount })),
          customer: walkIn ? null : customer.trim(),
          payment: method === 'cash' && tendered.trim() ? { method, tendered: tendered.trim() } : { method },
        },
        newIdempotencyKey(),
      ),
    onSuccess: (order) => {
      changed(order);
      setSold(order);
      setLines([]);
      setTendered('');
      setCustomer('');
    },
  });

  return (
    <section className="panel till" aria-labelledby="till-title">
      <h1 id="till-title">Counter sale</h1>
      {sold ? (
        <Alert kind="success">
          Sale {sold.number} done: {formatPrice(sold.total)}
          {sold.payment?.change ? `, change ${formatPrice(sold.payment.change)}` : ''}.{' '}
          <Link to={`/orders/${sold.number}`}>Print receipt</Link>
        </Alert>
      ) : null}
      <div className="till-grid">
        <div>
          {/* A USB scanner types the barcode and Enter into this box: the sweet with that barcode is added. */}
          <form
            aria-label="Find or scan a sweet"
            onSubmit={(e) => {
              e.preventDefault();
              const code = find.replace(/[\s-]/g, '');
              if (!/^\d{12,13}$/.test(code)) return;
              void listSweets(client, { barcode: code, page_size: 1 }).then(
                (page) => {
                  const hit = page.results[0];
                  if (!hit) return setScan({ kind: 'error', text: `No sweet has the barcode ${code}.` });
                  if (hit.quantity === 0) return setScan({ kind: 'error', text: `${hit.name} is out of stock.` });
                  add(hit);
                  setFind('');
                  setScan({ kind: 'success', text: `Added ${hit.name}.` });
                },
                (error: unknown) => setScan({ kind: 'error', text: errorMessage(error, 'barcode') }),
              );
            }}
          >
            <TextField
              label="Find a sweet"
              value={find}
              onChange={(e) => {
                setFind(e.target.value);
                setScan(null);
              }}
              placeholder="Type a name or scan a barcode"
              autoComplete="off"
            />
          </form>
          {scan ? <Alert kind={scan.kind}>{scan.text}</Alert> : null}
          <ul className="till-results" aria-label="Sweets found">
            {(found.data?.results ?? []).map((s) => (
              <li key={s.id}>
                <Button variant="secondary" onClick={() => add(s)} disabled={s.quantity === 0}>
                  Add {s.name}
                </Button>
                <span className="muted">
                  {formatUnitPrice(s.unit, s.price)} ·{' '}
                  {s.quantity === 0 ? 'out of stock' : `${formatAmount(s.unit, s.quantity)} in stock`}
                </span>
              </li>
            ))}
          </ul>
        </div>
        <form onSubmit={onSubmit(sale.submit)} noValidate aria-label="Sale">
          {lines.length ? (
            <ul className="till-lines" aria-label="Lines">
              {lines.map((l) => (
                <li key={l.sweet} data-testid="till-line">
                  <span>
                    {l.name}
                    {l.unit === 'gram' ? <span className="muted"> · {formatUnitPrice(l.unit, l.price)}</span> : null}
                  </span>
                  <label htmlFor={`till-qty-${l.sweet}`} className="visually-hidden">
                    {l.unit === 'gram' ? `Weight in grams of ${l.name}` : `Quantity of ${l.name}`}
                  </label>
                  <span className="till-qty">
                    <input
                      id={`till-qty-${l.sweet}`}
                      className="qty"
                      type="number"
                      min={1}
                      value={l.amount}
                      onChange={(e) => {
                        const n = Math.floor(Number(e.target.value));
                        if (n >= 1) setLines((ls) => ls.map((x) => (x.sweet === l.sweet ? { ...x, amount: n } : x)));
                      }}
                    />
                    {l.unit === 'gram' ? <span aria-hidden="true"> g</span> : null}
                  </span>
                  <span className="num" data-testid="till-line-total">
                    {formatCents(lineCents(l.unit, l.price, l.amount))}
                  </span>
                  <Button
                    variant="ghost"
                    onClick={() => setLines((ls) => ls.filter((x) => x.sweet !== l.sweet))}
                    aria-label={`Remove ${l.name}`}
                  >
                    ×
                  </Button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">No lines yet: find a sweet and add it.</p>
          )}
          <p className="till-total">
            Total <strong data-testid="till-total">{formatCents(total)}</strong>
          </p>
          <fieldset className="choice">
            <legend>Customer</legend>
            <label>
              <input type="radio" name="who" checked={walkIn} onChange={() => setWalkIn(true)} /> Walk-in
            </label>
            <label>
              <input type="radio" name="who" checked={!walkIn} onChange={() => setWalkIn(false)} /> Registered customer
            </label>
          </fieldset>
          {!walkIn ? (
            <TextField
              label="Customer's username"
              value={customer}
              onChange={(e) => setCustomer(e.target.value)}
              errors={sale.errors.fieldErrors.customer}
            />
          ) : null}
          <fieldset className="choice">
            <legend>Payment</legend>
            {(['cash', 'card', 'other'] as const).map((m) => (
              <label key={m}>
                <input type="radio" name="method" checked={method === m} onChange={() => setMethod(m)} />{' '}
                {m === 'cash' ? 'Cash' : m === 'card' ? 'Card' : 'Other'}
              </label>
            ))}
          </fieldset>
          {method === 'cash' ? (
            <TextField
              label="Cash tendered"
              inputMode="decimal"
              value={tendered}
              onChange={(e) => setTendered(e.target.value)}
              errors={sale.errors.fieldErrors.payment}
              hint={
                tenderedCents !== null && tenderedCents >= total
                  ? `Change ${formatCents(tenderedCents - total)}`
                  : undefined
              }
            />
          ) : null}
          {sale.errors.message ? <Alert>{sale.errors.message}</Alert> : null}
          <Button type="submit" busy={sale.busy} disabled={!lines.length}>
            Complete sale
          </Button>
        </form>
      </div>
    </section>
  );
}
