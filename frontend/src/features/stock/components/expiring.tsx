// What is about to go to waste: batches past their best-before date (out of the sellable quantity already,
// waiting to be written off) and those expiring within the days chosen, the earliest first, with their value at
// cost for the owner and a write-off of each.
import { useState } from 'react';
import { Alert, Spinner } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { useApi, useSession } from '@/lib/api-context';
import { errorMessage } from '@/lib/api-error';
import { onSubmit, useFormMutation } from '@/lib/use-form-mutation';
import { type Batch, useExpiring, useStockChanged, writeOffBatch } from '@/lib/api/stock';
import { formatCount, formatDay, formatPrice } from '@/lib/format';
import '../stock.css';

const WINDOWS = [
  { days: 0, label: 'Today' },
  { days: 3, label: '3 days' },
  { days: 7, label: '7 days' },
  { days: 30, label: '30 days' },
] as const;

function daysText(b: Batch): string {
  const left = b.days_left ?? 0;
  if (left < 0) return left === -1 ? 'Expired yesterday' : `Expired ${formatCount(-left, 'day', 'days')} ago`;
  // Moved out as expired by an instance whose day has already ended (the days are the shop's time zone's).
  if (b.expired) return 'Expired';
  if (left === 0) return 'Last day today';
  return left === 1 ? 'Until tomorrow' : `${formatCount(left, 'day', 'days')} left`;
}

/// A batch row (the list's are all rows: the undated stock never expires).
type BatchRow = Batch & { id: number };

function WriteOffDialog({ batch, onClose }: { batch: BatchRow; onClose(): void }) {
  const client = useApi();
  const changed = useStockChanged();
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { submit, busy, errors } = useFormMutation(['note'], {
    mutationFn: () => writeOffBatch(client, batch.id, note.trim()),
    onSuccess: (result) => {
      changed();
      setDone(
        `${formatCount(result.units, 'unit', 'units')} of ${batch.name} written off` +
          (result.value ? `, worth ${formatPrice(result.value)} at cost.` : '.'),
      );
    },
  });
  const left = batch.units + batch.expired_units;
  return (
    <Dialog title={`Write off ${batch.name}?`} onClose={onClose}>
      {done ? (
        <>
          <p role="status">{done}</p>
          <div className="form-actions">
            <Button onClick={onClose}>Done</Button>
          </div>
        </>
      ) : (
        <form onSubmit={onSubmit(submit)} noValidate>
          <p>
            All {formatCount(left, 'unit', 'units')} left of the batch best before {formatDay(batch.best_before ?? '')}
            {batch.lot ? ` (lot ${batch.lot})` : ''} are recorded as waste
            {batch.units > 0 ? `; the ${batch.units} still for sale leave the stock` : ''}.
          </p>
          <label htmlFor="write-off-note">Note (optional)</label>
          <input
            id="write-off-note"
            value={note}
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
            placeholder="Binned, given to staff…"
          />
          {errors.fieldErrors.note ? <p className="error-text">{errors.fieldErrors.note.join(' ')}</p> : null}
          {errors.message ? <Alert>{errors.message}</Alert> : null}
          <div className="form-actions">
            <Button type="button" variant="secondary" onClick={onClose}>
              Keep it
            </Button>
            <Button type="submit" variant="danger" busy={busy}>
              Write off
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

export function Expiring() {
  const [days, setDays] = useState<number>(7);
  const expiring = useExpiring(days);
  const owner = useSession()?.user.role === 'owner';
  const [writingOff, setWritingOff] = useState<BatchRow | null>(null);
  return (
    <section className="panel" aria-labelledby="expiring-title">
      <div className="panel-head">
        <h1 id="expiring-title">Expiring stock</h1>
        {expiring.data ? (
          <p className="count">
            {formatCount(expiring.data.count, 'batch', 'batches')} · {formatCount(expiring.data.units, 'unit', 'units')}
            {owner && expiring.data.value ? ` · ${formatPrice(expiring.data.value)} at cost` : ''}
          </p>
        ) : null}
      </div>
      <div className="day-windows" role="group" aria-label="Expiring within">
        {WINDOWS.map((w) => (
          <Button
            key={w.days}
            variant={w.days === days ? 'primary' : 'secondary'}
            onClick={() => setDays(w.days)}
            aria-pressed={w.days === days}
          >
            {w.label}
          </Button>
        ))}
      </div>
      {expiring.isPending ? <Spinner label="Loading expiring stock…" /> : null}
      {expiring.error ? <Alert>{errorMessage(expiring.error)}</Alert> : null}
      {expiring.data && expiring.data.count === 0 ? (
        <p className="empty">
          Nothing expires {days === 0 ? 'today' : `within ${formatCount(days, 'day', 'days')}`}. Restock perishables
          with their best-before date to see them here.
        </p>
      ) : null}
      {expiring.data && expiring.data.count > 0 ? (
        <div className="table-wrap">
          <table className="stock-table">
            <thead>
              <tr>
                <th scope="col">Sweet</th>
                <th scope="col">Best before</th>
                <th scope="col">For sale</th>
                <th scope="col">Expired</th>
                {owner ? <th scope="col">Value</th> : null}
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {expiring.data.results.map((b) => (
                <tr
                  key={b.id ?? 'undated'}
                  data-testid="expiring-row"
                  className={b.expired ? 'expired-row' : undefined}
                >
                  <th scope="row">
                    <span className="row-name">{b.name}</span>
                    {b.lot ? <span className="muted">Lot {b.lot}</span> : null}
                  </th>
                  <td>
                    {formatDay(b.best_before ?? '')}
                    <span className={b.expired ? 'badge badge-out' : 'badge badge-low'}>{daysText(b)}</span>
                  </td>
                  <td className="num">{b.units}</td>
                  <td className="num">{b.expired_units || '—'}</td>
                  {owner ? <td className="num">{b.value ? formatPrice(b.value) : '—'}</td> : null}
                  <td className="row-actions">
                    <Button
                      variant="danger"
                      onClick={() => b.id !== null && setWritingOff({ ...b, id: b.id })}
                      aria-label={`Write off ${b.name}`}
                    >
                      Write off
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {writingOff ? <WriteOffDialog batch={writingOff} onClose={() => setWritingOff(null)} /> : null}
    </section>
  );
}
