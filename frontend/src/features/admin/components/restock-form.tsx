import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useApi } from '@/lib/api-context';
import { useToast } from '@/components/ui/toast';
import { amountValue, formatAmount } from '@/lib/format';
import { onSubmit, useFormMutation } from '@/lib/use-form-mutation';
import { useStockChanged } from '@/lib/api/stock';
import { restockSweet, type Sweet } from '@/lib/api/sweets';

/// A delivery: how many units, and for perishables their best-before date and lot (a batch of their own; without a
/// date they join the sweet's undated units).
/// Restocks in the row; `onDone` hears the sweet as it is after (the row keeps its place with its new numbers).
export function RestockForm({ sweet, onDone }: { sweet: Sweet; onDone?(sweet: Sweet): void }) {
  const client = useApi();
  const toast = useToast();
  const changed = useStockChanged();
  const [amount, setAmount] = useState('');
  const [bestBefore, setBestBefore] = useState('');
  const [lot, setLot] = useState('');
  const id = `restock-${sweet.id}`;
  const { submit, busy, errors } = useFormMutation(['amount', 'best_before', 'lot'], {
    mutationFn: () => restockSweet(client, sweet.id, amountValue(amount), { best_before: bestBefore, lot: lot.trim() }),
    onSuccess: (result) => {
      changed(result);
      onDone?.(result);
      toast(
        `Restocked ${result.name}: ${formatAmount(result.unit, result.quantity - sweet.quantity)} added, ` +
          `${formatAmount(result.unit, result.quantity)} in stock.`,
      );
      setAmount('');
      setBestBefore('');
      setLot('');
    },
    onError: () => changed(), // our numbers may be stale (deleted meanwhile, or near the limit)
  });
  const error =
    [errors.fieldErrors.amount, errors.fieldErrors.best_before, errors.fieldErrors.lot]
      .flatMap((e) => e ?? [])
      .join(' ') || errors.message;

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
        aria-invalid={errors.fieldErrors.amount ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <label htmlFor={`${id}-date`} className="visually-hidden">
        Best before (optional) for {sweet.name}
      </label>
      <input
        id={`${id}-date`}
        type="date"
        className="restock-date"
        title="Best before (leave empty for undated stock)"
        value={bestBefore}
        onChange={(e) => setBestBefore(e.target.value)}
        aria-invalid={errors.fieldErrors.best_before ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <label htmlFor={`${id}-lot`} className="visually-hidden">
        Lot (optional) for {sweet.name}
      </label>
      <input
        id={`${id}-lot`}
        className="restock-lot"
        placeholder="Lot"
        maxLength={64}
        value={lot}
        onChange={(e) => setLot(e.target.value)}
        aria-invalid={errors.fieldErrors.lot ? true : undefined}
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
