// A sweet's stock: its batches (what is left of each delivery, in the order sales take them), and its history,
// newest first: every sale, restock, refund, edit and adjustment, with who and why and the batches it changed.
import { Alert, Spinner } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { errorMessage } from '@/lib/api-error';
import { batchLabel, REASON_LABELS, useBatches, useHistory } from '@/lib/api/stock';
import type { Sweet } from '@/lib/api/sweets';
import { formatWhen } from '@/lib/format';

function SweetBatches({ sweet }: { sweet: Sweet }) {
  const batches = useBatches(sweet.id);
  if (batches.isPending) return <Spinner label="Loading batches…" />;
  if (batches.error) return <Alert>{errorMessage(batches.error)}</Alert>;
  if (batches.data.count === 0) return <p className="empty">No units left in any batch.</p>;
  return (
    <div className="table-wrap">
      <table className="stock-table batches-table" aria-label={`Batches of ${sweet.name}`}>
        <thead>
          <tr>
            <th scope="col">Batch</th>
            <th scope="col">For sale</th>
            <th scope="col">Expired</th>
          </tr>
        </thead>
        <tbody>
          {batches.data.results.map((b, i) => (
            <tr key={b.id ?? 'undated'} data-testid="batch-row">
              <td>
                {batchLabel(b)}
                {i === 0 && b.units > 0 ? <span className="muted"> · sold next</span> : null}
              </td>
              <td className="num">{b.units}</td>
              <td className="num">{b.expired_units || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function HistoryDialog({ sweet, onClose }: { sweet: Sweet; onClose(): void }) {
  const history = useHistory(sweet.id);
  const entries = history.data?.pages.flatMap((p) => p.results) ?? [];
  return (
    <Dialog title={`History of ${sweet.name}`} onClose={onClose}>
      <h3 className="dialog-section">Batches</h3>
      <SweetBatches sweet={sweet} />
      <h3 className="dialog-section">History</h3>
      {history.isPending ? <Spinner label="Loading history…" /> : null}
      {history.error ? <Alert>{errorMessage(history.error)}</Alert> : null}
      {history.data && entries.length === 0 ? <p className="empty">No stock changes yet.</p> : null}
      {entries.length ? (
        <div className="table-wrap">
          <table className="stock-table history-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Change</th>
                <th scope="col">After</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} data-testid="history-row">
                  <td>{formatWhen(e.at)}</td>
                  <td>
                    {REASON_LABELS[e.reason] ?? e.reason}
                    {e.order ? <span className="muted"> · order {e.order}</span> : null}
                    {e.note ? <span className="muted"> · {e.note}</span> : null}
                    {e.batches.some((m) => m.best_before || m.lot) ? (
                      <span className="history-batches" data-testid="history-batches">
                        {e.batches.map((m) => `${batchLabel(m)}: ${m.delta > 0 ? '+' : ''}${m.delta}`).join('; ')}
                      </span>
                    ) : null}
                  </td>
                  <td className="num">{e.delta > 0 ? `+${e.delta}` : e.delta}</td>
                  <td className="num">{e.quantity_after}</td>
                  <td>{e.actor}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="form-actions">
        {history.hasNextPage ? (
          <Button variant="secondary" onClick={() => void history.fetchNextPage()} busy={history.isFetchingNextPage}>
            Show older
          </Button>
        ) : null}
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      </div>
    </Dialog>
  );
}
