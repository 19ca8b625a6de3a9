import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useApi } from '@/lib/api-context';
import { purchaseSweet, type Sweet, useSweetChanged } from '@/lib/api/sweets';
import { basket } from '@/lib/basket';
import { amountValue } from '@/lib/format';
import { onSubmit, useFormMutation } from '@/lib/use-form-mutation';

export function PurchaseForm({ sweet }: { sweet: Sweet }) {
  const weighed = sweet.unit === 'gram';
  const [amount, setAmount] = useState(weighed ? '100' : '1');
  const [done, setDone] = useState<string | null>(null);
  const client = useApi();
  const changed = useSweetChanged();
  const soldOut = sweet.quantity <= 0;
  const inputId = `buy-${sweet.id}`;
  const purchase = useFormMutation(['amount'], {
    mutationFn: () => {
      setDone(null);
      return purchaseSweet(client, sweet.id, amountValue(amount));
    },
    onSuccess: (bought) => {
      changed(bought);
      setDone(
        weighed
          ? `Bought ${amountValue(amount)} g of ${sweet.name}.`
          : `Bought ${amountValue(amount)} × ${sweet.name}.`,
      );
    },
    // A refusal (Insufficient stock) means our numbers are stale: fetch the current stock.
    onError: () => changed(),
  });
  const error = purchase.errors.fieldErrors.amount?.join(' ') ?? purchase.errors.message;
  const addToBasket = () => {
    const value = amountValue(amount);
    if (typeof value !== 'number' || value < 1) {
      setDone(null);
      return;
    }
    basket.add({
      sweet: sweet.id,
      name: sweet.name,
      price: sweet.price,
      amount: value,
      stock: sweet.quantity,
      unit: sweet.unit,
    });
    setDone(
      weighed ? `Added ${value} g of ${sweet.name} to the basket.` : `Added ${value} × ${sweet.name} to the basket.`,
    );
  };

  return (
    <form className="purchase" onSubmit={onSubmit(purchase.submit)} noValidate aria-label={`Buy ${sweet.name}`}>
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
          onChange={(e) => setAmount(e.target.value)}
          disabled={soldOut}
        />
        <Button variant="secondary" onClick={addToBasket} disabled={soldOut}>
          Add to basket
        </Button>
        <Button type="submit" disabled={soldOut} busy={purchase.busy}>
          {soldOut ? 'Sold out' : purchase.busy ? 'Buying…' : 'Purchase'}
        </Button>
      </div>
      <div aria-live="polite" className="purchase-feedback">
        {error ? (
          <p className="error-text" role="alert">
            {error}
          </p>
        ) : done ? (
          <p className="success-text">{done}</p>
        ) : null}
      </div>
    </form>
  );
}
