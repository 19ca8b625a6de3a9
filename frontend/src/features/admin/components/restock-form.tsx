import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useApi } from '@/lib/api-context';
import { amountValue } from '@/lib/format';
import { onSubmit, useFormMutation } from '@/lib/use-form-mutation';
import { restockSweet, type Sweet, useSweetChanged } from '@/lib/api/sweets';

export function RestockForm({ sweet }: { sweet: Sweet }) {
  const client = useApi();
  const changed = useSweetChanged();
  const [amount, setAmount] = useState('');
  const id = `restock-${sweet.id}`;
  const { submit, busy, errors } = useFormMutation(['amount'], {
    mutationFn: () => restockSweet(client, sweet.id, amountValue(amount)),
    onSuccess: (result) => {
      changed(result);
      setAmount('');
    },
    onError: () => changed(), // our numbers may be stale (deleted meanwhile, or near the limit)
  });
  const error = errors.fieldErrors.amount?.join(' ') ?? errors.message;

  return (
    <form className="restock" onSubmit={onSubmit(submit)} noValidate aria-label={`Restock ${sweet.name}`}>
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
