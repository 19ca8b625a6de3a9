import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/api-error';
import { amountValue } from '@/lib/format';
import { usePurchase, type Sweet } from '../api/sweets';

export function PurchaseForm({ sweet }: { sweet: Sweet }) {
  const [amount, setAmount] = useState('1');
  const [done, setDone] = useState<string | null>(null);
  const purchase = usePurchase();
  const soldOut = sweet.quantity <= 0;
  const inputId = `buy-${sweet.id}`;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setDone(null);
    const value = amountValue(amount);
    purchase.mutate({ id: sweet.id, amount: value }, { onSuccess: () => setDone(`Bought ${value} × ${sweet.name}.`) });
  };

  return (
    <form className="purchase" onSubmit={submit} noValidate aria-label={`Buy ${sweet.name}`}>
      <div className="purchase-row">
        <label htmlFor={inputId} className="visually-hidden">
          Quantity of {sweet.name}
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
        <Button type="submit" disabled={soldOut} busy={purchase.isPending}>
          {soldOut ? 'Sold out' : purchase.isPending ? 'Buying…' : 'Purchase'}
        </Button>
      </div>
      <div aria-live="polite" className="purchase-feedback">
        {purchase.isError ? (
          <p className="error-text" role="alert">
            {errorMessage(purchase.error)}
          </p>
        ) : done ? (
          <p className="success-text">{done}</p>
        ) : null}
      </div>
    </form>
  );
}
