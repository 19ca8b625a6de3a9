// The basket: change or remove lines, see the total, and check out (one Idempotency-Key per attempt). A refusal for
// stock says which lines are short and offers to adjust them to what is left.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { useApi, useSession } from '@/lib/api-context';
import { placeOrder, unavailableLines, useOrderChanged, type Unavailable } from '@/lib/api/orders';
import { basket, basketTotalCents, useBasket } from '@/lib/basket';
import {
  amountOf,
  formatCents,
  formatPrice,
  formatUnitPrice,
  lineCents,
  newIdempotencyKey,
  plural,
} from '@/lib/format';
import { useToast } from '@/components/ui/toast';
import { onSubmit, useFormMutation } from '@/lib/use-form-mutation';
import '../orders.css';

export function BasketPage() {
  const lines = useBasket();
  const client = useApi();
  const changed = useOrderChanged();
  const navigate = useNavigate();
  const session = useSession();
  const [note, setNote] = useState('');
  const [short, setShort] = useState<Unavailable[] | null>(null);
  const toast = useToast();
  const checkout = useFormMutation(['note'], {
    mutationFn: () => {
      setShort(null);
      return placeOrder(
        client,
        { lines: lines.map((l) => ({ sweet: l.sweet, amount: l.amount })), note },
        newIdempotencyKey(),
      );
    },
    onSuccess: (order) => {
      basket.clear();
      changed(order);
      const items = order.lines.map((l) => amountOf({ name: l.name, unit: l.unit }, l.amount)).join(', ');
      toast(`Order ${order.number} placed: ${items}, ${formatPrice(order.total)} in all.`);
      void navigate(`/orders/${order.number}`, { state: { placed: true } });
    },
    onError: (error) => {
      const unavailable = unavailableLines(error);
      setShort(unavailable);
      for (const s of unavailable ?? []) basket.setStock(s.sweet, s.available);
    },
  });
  const adjust = () => {
    for (const s of short ?? []) {
      if (s.available > 0) basket.setAmount(s.sweet, s.available);
      else basket.remove(s.sweet);
    }
    setShort(null);
  };

  if (!lines.length)
    return (
      <section className="panel" aria-labelledby="basket-title">
        <h1 id="basket-title">Your basket</h1>
        <p className="empty">
          Your basket is empty. <Link to="/">Browse the catalogue</Link> and add some sweets.
        </p>
      </section>
    );
  return (
    <section className="panel" aria-labelledby="basket-title">
      <h1 id="basket-title">Your basket</h1>
      <form onSubmit={onSubmit(checkout.submit)} noValidate aria-label="Check out">
        <div className="table-wrap">
          <table className="order-table">
            <thead>
              <tr>
                <th scope="col">Sweet</th>
                <th scope="col" className="num">
                  Price
                </th>
                <th scope="col">Quantity</th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.sweet} data-testid="basket-line">
                  <th scope="row">
                    {l.name}
                    {l.amount > l.stock ? (
                      <span className="line-warning" role="status">
                        {l.stock === 0 ? 'Out of stock' : `Only ${l.stock} left in stock`}
                      </span>
                    ) : null}
                  </th>
                  <td className="num">{formatUnitPrice(l.unit, l.price)}</td>
                  <td>
                    <label htmlFor={`qty-${l.sweet}`} className="visually-hidden">
                      {l.unit === 'gram' ? `Grams of ${l.name}` : `Quantity of ${l.name}`}
                    </label>
                    <input
                      id={`qty-${l.sweet}`}
                      className="qty"
                      type="number"
                      inputMode="numeric"
                      min={1}
                      step={1}
                      value={l.amount}
                      onChange={(e) => {
                        const n = Math.floor(Number(e.target.value));
                        if (Number.isFinite(n) && n >= 1) basket.setAmount(l.sweet, n);
                      }}
                    />
                  </td>
                  <td className="num">{formatCents(lineCents(l.unit, l.price, l.amount))}</td>
                  <td>
                    <Button variant="ghost" onClick={() => basket.remove(l.sweet)} aria-label={`Remove ${l.name}`}>
                      Remove
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  Total
                </th>
                <td className="num" data-testid="basket-total">
                  {formatCents(basketTotalCents(lines))}
                </td>
                <td>
                  <span className="visually-hidden">No action</span>
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
        <TextField
          label="Note for the shop (optional)"
          name="note"
          value={note}
          maxLength={500}
          onChange={(e) => setNote(e.target.value)}
          errors={checkout.errors.fieldErrors.note}
        />
        {short ? (
          <Alert>
            <p>Some sweets are short:</p>
            <ul>
              {short.map((s) => (
                <li key={s.sweet}>
                  {s.name}: you asked for {s.requested},{' '}
                  {s.available === 0 ? 'none are' : `${s.available} ${plural(s.available, 'is', 'are')}`} left.
                </li>
              ))}
            </ul>
            <Button variant="secondary" onClick={adjust}>
              Adjust my basket
            </Button>
          </Alert>
        ) : checkout.errors.message ? (
          <Alert>{checkout.errors.message}</Alert>
        ) : null}
        <div className="form-actions">
          <Button variant="secondary" onClick={() => basket.clear()}>
            Empty the basket
          </Button>
          {session ? (
            <Button type="submit" busy={checkout.busy}>
              {checkout.busy ? 'Placing your order…' : 'Check out'}
            </Button>
          ) : (
            <Button onClick={() => void navigate('/login', { state: { from: '/basket' } })}>
              Sign in to check out
            </Button>
          )}
        </div>
      </form>
    </section>
  );
}
