import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { useApi } from '@/lib/api-context';
import { purchaseAvailable, purchaseSweet, type Sweet, useSweetChanged } from '@/lib/api/sweets';
import { basket } from '@/lib/basket';
import { amountOf, amountValue, formatAmount, formatCents, lineCents } from '@/lib/format';
import { shortWords } from '@/lib/messages';
import { onSubmit, useFormMutation } from '@/lib/use-form-mutation';

export function PurchaseForm({ sweet }: { sweet: Sweet }) {
  const weighed = sweet.unit === 'gram';
  const first = weighed ? '100' : '1';
  const [amount, setAmount] = useState(first);
  const [invalid, setInvalid] = useState<string | null>(null);
  const client = useApi();
  const toast = useToast();
  const changed = useSweetChanged();
  const inputId = `buy-${sweet.id}`;
  const purchase = useFormMutation<Sweet, number | string>(['amount'], {
    mutationFn: (value) => purchaseSweet(client, sweet.id, value),
    onSuccess: (bought, value) => {
      changed(bought);
      setAmount(first);
      const n = Number(value);
      toast(`Bought ${amountOf(sweet, n)} for ${formatCents(lineCents(sweet.unit, sweet.price, n))}.`);
    },
    // A refusal (Insufficient stock) means our numbers are stale: fetch the current stock. When nothing is left the
    // card turns to its Sold out badge (and the form goes), so the toast says what happened.
    onError: (e) => {
      changed();
      if (purchaseAvailable(e) === 0) toast(`Sorry, ${sweet.name} has just sold out.`, 'error');
    },
  });
  const available = purchaseAvailable(purchase.errors.error);
  const error =
    invalid ??
    purchase.errors.fieldErrors.amount?.join(' ') ??
    (available !== null ? shortWords(available, sweet.unit) : purchase.errors.message);

  // The amount is checked as the API would before it is sent: a whole number, at least 1.
  const checked = (): number | null => {
    const value = amountValue(amount);
    if (typeof value !== 'number') {
      setInvalid('Enter a whole number.');
      return null;
    }
    if (value < 1) {
      setInvalid('Enter 1 or more.');
      return null;
    }
    setInvalid(null);
    return value;
  };
  const buy = () => {
    const value = checked();
    if (value !== null) purchase.submit(value);
  };
  const addToBasket = () => {
    const value = checked();
    if (value === null) return;
    basket.add({
      sweet: sweet.id,
      name: sweet.name,
      price: sweet.price,
      amount: value,
      stock: sweet.quantity,
      unit: sweet.unit,
    });
    setAmount(first);
    toast(`Added ${amountOf(sweet, value)} to the basket.`);
  };

  if (sweet.quantity <= 0) return null; // the card's "Sold out" badge says it all
  return (
    <form className="purchase" onSubmit={onSubmit(buy)} noValidate aria-label={`Buy ${sweet.name}`}>
      <div className="purchase-row">
        <label htmlFor={inputId} className="visually-hidden">
          {weighed ? `Grams of ${sweet.name}` : `Quantity of ${sweet.name}`}
        </label>
        <input
          id={inputId}
          className="purchase-amount"
          type="number"
          inputMode="numeric"
          min={1}
          max={Math.max(1, sweet.quantity)}
          step={1}
          value={amount}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
          onChange={(e) => {
            setAmount(e.target.value);
            setInvalid(null);
          }}
        />
        <Button variant="secondary" onClick={addToBasket}>
          Add to basket
        </Button>
        <Button type="submit" busy={purchase.busy}>
          {purchase.busy ? 'Buying…' : 'Purchase'}
        </Button>
      </div>
      <div aria-live="polite" className="purchase-feedback">
        {error ? (
          <p className="error-text" role="alert" id={`${inputId}-error`}>
            {error}{' '}
            {available !== null && available > 0 && !invalid ? (
              <Button
                variant="ghost"
                onClick={() => {
                  setAmount(String(available));
                  purchase.submit(available);
                }}
              >
                Buy {formatAmount(sweet.unit, available)}
              </Button>
            ) : null}
          </p>
        ) : null}
      </div>
    </form>
  );
}
