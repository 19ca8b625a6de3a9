// A sweet's stock history, newest first: every sale, restock, refund, edit and adjustment, with who and why.
import { Alert, Spinner } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { errorMessage } from '@/lib/api-error';
import { REASON_LABELS, useHistory } from '@/lib/api/stock';
import type { Sweet } from '@/lib/api/sweets';
import { formatWhen } from '@/lib/format';

export function HistoryDialog({ sweet, onClose }: { sweet: Sweet; onClose(): void }) {
  const history = useHistory(sweet.id);
  const entries = history.data?.pages.flatMap((p) => p.results) ?? [];
  return (
    <Dialog title={`History of ${sweet.name}`} onClose={onClose}>
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
