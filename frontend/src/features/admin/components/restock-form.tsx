import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useApi } from '@/lib/api-context';
import { ApiError, errorMessage } from '@/lib/api-error';
import { amountValue } from '@/lib/format';
import { restockSweet, type Sweet, useSweetChanged } from '@/features/sweets/api/sweets';

export function RestockForm({ sweet }: { sweet: Sweet }) {
  const client = useApi();
  const changed = useSweetChanged();
  const [amount, setAmount] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = `restock-${sweet.id}`;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      changed(await restockSweet(client, sweet.id, amountValue(amount)));
      setAmount('');
    } catch (err) {
      setError(
        err instanceof ApiError && err.fieldErrors.amount ? err.fieldErrors.amount.join(' ') : errorMessage(err),
      );
      changed();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="restock" onSubmit={submit} noValidate aria-label={`Restock ${sweet.name}`}>
      <label htmlFor={id} className="visually-hidden">
        Units to add to {sweet.name}
      </label>
      <input
        id={id}
        inputMode="numeric"
        placeholder="Units"
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <Button type="submit" variant="secondary" busy={busy}>
        Restock
      </Button>
      {error ? (
        <p className="error-text" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
