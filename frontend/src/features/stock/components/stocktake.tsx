// A stocktake: type what was counted for as many sweets as you like (blank: not counted), review the differences
// against the books, then confirm: every count is applied in one transaction, each with a ledger entry.
import { useState } from 'react';
import { Alert, Spinner } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { Pagination } from '@/components/ui/pagination';
import { useApi } from '@/lib/api-context';
import { errorMessage } from '@/lib/api-error';
import { amountValue, formatCount } from '@/lib/format';
import { useFormMutation } from '@/lib/use-form-mutation';
import { type CountLine, countStock, type StocktakeResult, useStockChanged } from '@/lib/api/stock';
import { useSweets } from '@/lib/api/sweets';
import '../stock.css';
import { SweetCell } from '@/components/ui/sweet-cell';

const PAGE_SIZE = 50;

export function Stocktake() {
  const client = useApi();
  const changed = useStockChanged();
  const [page, setPage] = useState(1);
  const [counts, setCounts] = useState<Record<number, string>>({});
  const [note, setNote] = useState('');
  const [review, setReview] = useState<StocktakeResult | null>(null);
  const [done, setDone] = useState<StocktakeResult | null>(null);
  const sweets = useSweets({ active: true, ordering: 'name', page, page_size: PAGE_SIZE });
  const pageCount = sweets.data ? Math.max(1, Math.ceil(sweets.data.count / PAGE_SIZE)) : 1;
  const lines: CountLine[] = Object.entries(counts)
    .filter(([, v]) => v.trim() !== '')
    .map(([id, v]) => ({ sweet: Number(id), counted: amountValue(v) }));

  const check = useFormMutation(['counts', 'note'], {
    mutationFn: () => countStock(client, lines, note, true),
    onSuccess: (result) => {
      setDone(null);
      setReview(result);
    },
  });
  const apply = useFormMutation(['counts', 'note'], {
    mutationFn: () => countStock(client, lines, note, false),
    onSuccess: (result) => {
      setReview(null);
      setDone(result);
      setCounts({});
      setNote('');
      changed();
    },
  });
  const errors = review ? apply.errors : check.errors;
  const countErrors = errors.fieldErrors.counts;

  return (
    <section className="panel" aria-labelledby="count-title">
      <div className="panel-head">
        <h1 id="count-title">Stocktake</h1>
        <p className="count">{formatCount(lines.length, 'sweet', 'sweets')} counted</p>
      </div>
      <p className="muted">Type what is on the shelf. Sweets left blank are not changed.</p>
      {done ? (
        <Alert kind="success">
          Stock counted: {formatCount(done.counted, 'sweet', 'sweets')}, {done.changed} changed.
        </Alert>
      ) : null}
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      {countErrors ? (
        <Alert>{countErrors.map((e) => (typeof e === 'string' ? e : 'Check the counts.')).join(' ')}</Alert>
      ) : null}
      {review ? (
        <div className="review" aria-labelledby="review-title">
          <h2 id="review-title">Differences</h2>
          <p>
            {review.changed === 0
              ? 'Every count matches the books.'
              : `${review.changed} of ${review.counted} differ from the books.`}
          </p>
          <div className="table-wrap">
            <table className="stock-table">
              <thead>
                <tr>
                  <th scope="col">Sweet</th>
                  <th scope="col">Books</th>
                  <th scope="col">Counted</th>
                  <th scope="col">Difference</th>
                </tr>
              </thead>
              <tbody>
                {review.lines.map((l) => (
                  <tr key={l.sweet} data-testid="difference-row" className={l.delta ? 'differs' : undefined}>
                    <th scope="row">{l.name}</th>
                    <td className="num">{l.expected}</td>
                    <td className="num">{l.counted}</td>
                    <td className="num">{l.delta > 0 ? `+${l.delta}` : l.delta}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="form-actions">
            <Button onClick={() => apply.submit()} busy={apply.busy}>
              Confirm count
            </Button>
            <Button variant="secondary" onClick={() => setReview(null)}>
              Back to counting
            </Button>
          </div>
        </div>
      ) : (
        <>
          {sweets.isPending ? <Spinner label="Loading sweets…" /> : null}
          {sweets.error ? <Alert>{errorMessage(sweets.error)}</Alert> : null}
          {sweets.data && sweets.data.count === 0 ? <p className="empty">No sweets on sale to count.</p> : null}
          {sweets.data && sweets.data.count > 0 ? (
            <div className="table-wrap">
              <table className="stock-table">
                <thead>
                  <tr>
                    <th scope="col">Sweet</th>
                    <th scope="col">Books</th>
                    <th scope="col">Counted</th>
                  </tr>
                </thead>
                <tbody>
                  {sweets.data.results.map((s) => (
                    <tr key={s.id} data-testid="count-row">
                      <SweetCell sweet={s} />
                      <td className="num">{s.quantity}</td>
                      <td>
                        <label className="visually-hidden" htmlFor={`count-${s.id}`}>
                          Counted {s.name}
                        </label>
                        <input
                          id={`count-${s.id}`}
                          className="count-input"
                          inputMode="numeric"
                          value={counts[s.id] ?? ''}
                          onChange={(e) => setCounts({ ...counts, [s.id]: e.target.value })}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <Pagination page={page} pageCount={pageCount} onPage={setPage} label="Stocktake pages" />
          <TextField
            label="Note (optional)"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            errors={errors.fieldErrors.note}
          />
          <div className="form-actions">
            <Button onClick={() => check.submit()} busy={check.busy} disabled={lines.length === 0}>
              Review differences
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
