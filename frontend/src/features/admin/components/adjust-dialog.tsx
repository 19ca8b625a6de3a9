// Adjust a sweet's stock by hand: set what was counted, or add or take away units, with a reason and a note.
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/field';
import { useApi } from '@/lib/api-context';
import { useToast } from '@/components/ui/toast';
import { amountValue, formatAmount } from '@/lib/format';
import { onSubmit, useFormMutation } from '@/lib/use-form-mutation';
import { ADJUST_REASONS, type AdjustReason, adjustSweet, useStockChanged } from '@/lib/api/stock';
import type { Sweet } from '@/lib/api/sweets';

export function AdjustDialog({
  sweet,
  onClose,
  onDone,
}: {
  sweet: Sweet;
  onClose(): void;
  onDone?(sweet: Sweet): void;
}) {
  const toast = useToast();
  const client = useApi();
  const changed = useStockChanged();
  const [mode, setMode] = useState<'counted' | 'delta'>('counted');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState<AdjustReason>('count');
  const [note, setNote] = useState('');
  const { submit, busy, errors } = useFormMutation(['counted', 'delta', 'reason', 'note'], {
    mutationFn: () =>
      adjustSweet(client, sweet.id, {
        [mode]: amountValue(value),
        reason,
        note,
      }),
    onSuccess: (result) => {
      changed(result.sweet);
      onDone?.(result.sweet);
      toast(`Adjusted ${sweet.name}: ${formatAmount(result.sweet.unit, result.sweet.quantity)} in stock.`);
      onClose();
    },
  });
  const valueErrors = errors.fieldErrors[mode];
  return (
    <Dialog title={`Adjust ${sweet.name}`} onClose={onClose}>
      <form className="adjust-form" onSubmit={onSubmit(submit)} noValidate aria-label={`Adjust ${sweet.name}`}>
        <p>
          The books say <strong data-testid="adjust-current">{sweet.quantity}</strong> in stock.
        </p>
        {errors.message ? <Alert>{errors.message}</Alert> : null}
        <fieldset className="choice">
          <legend>Change</legend>
          <label>
            <input type="radio" name="mode" checked={mode === 'counted'} onChange={() => setMode('counted')} /> Set to
            the quantity counted
          </label>
          <label>
            <input type="radio" name="mode" checked={mode === 'delta'} onChange={() => setMode('delta')} /> Add or take
            away units
          </label>
        </fieldset>
        <TextField
          label={mode === 'counted' ? 'Quantity counted' : 'Units to add (negative to take away)'}
          inputMode="numeric"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          errors={valueErrors}
        />
        <div className="field">
          <label htmlFor={`reason-${sweet.id}`}>Reason</label>
          <select id={`reason-${sweet.id}`} value={reason} onChange={(e) => setReason(e.target.value as AdjustReason)}>
            {ADJUST_REASONS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <TextField
          label="Note (optional)"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          errors={errors.fieldErrors.note}
        />
        <div className="form-actions">
          <Button type="submit" busy={busy}>
            Save adjustment
          </Button>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
