// What to reorder: the open low-stock alerts, and every sweet at or below its reorder level, most urgent first,
// with a one-click restock of the suggested amount.
import { Alert, Spinner } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useApi } from '@/lib/api-context';
import { errorMessage } from '@/lib/api-error';
import { useFormMutation } from '@/lib/use-form-mutation';
import { type LowSweet, useAlerts, useLowStock, useStockChanged } from '@/lib/api/stock';
import { restockSweet } from '@/lib/api/sweets';
import { formatWhen } from '@/lib/format';
import '../stock.css';
import { SweetCell } from '@/components/ui/sweet-cell';

function RestockSuggested({ sweet }: { sweet: LowSweet }) {
  const client = useApi();
  const changed = useStockChanged();
  const { submit, busy, errors } = useFormMutation(['amount'], {
    mutationFn: () => restockSweet(client, sweet.id, sweet.suggested),
    onSuccess: (result) => changed(result),
  });
  const error = errors.fieldErrors.amount?.join(' ') ?? errors.message;
  return (
    <>
      <Button onClick={() => submit()} busy={busy} aria-label={`Restock ${sweet.suggested} of ${sweet.name}`}>
        Restock {sweet.suggested}
      </Button>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

export function LowStock() {
  const low = useLowStock();
  const alerts = useAlerts();
  return (
    <>
      <section className="panel" aria-labelledby="low-title">
        <div className="panel-head">
          <h1 id="low-title">Low stock</h1>
          {low.data ? <p className="count">{low.data.count} to reorder</p> : null}
        </div>
        {low.isPending ? <Spinner label="Loading low stock…" /> : null}
        {low.error ? <Alert>{errorMessage(low.error)}</Alert> : null}
        {low.data && low.data.count === 0 ? (
          <p className="empty">Nothing is at or below its reorder level. Set reorder levels in a sweet’s form.</p>
        ) : null}
        {low.data && low.data.count > 0 ? (
          <div className="table-wrap">
            <table className="stock-table">
              <thead>
                <tr>
                  <th scope="col">Sweet</th>
                  <th scope="col">In stock</th>
                  <th scope="col">Reorder at</th>
                  <th scope="col">Suggested</th>
                </tr>
              </thead>
              <tbody>
                {low.data.results.map((s) => (
                  <tr key={s.id} data-testid="low-row">
                    <SweetCell sweet={s} />
                    <td className="num" data-testid="low-quantity">
                      {s.quantity}
                    </td>
                    <td className="num">{s.reorder_level}</td>
                    <td>
                      <RestockSuggested sweet={s} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="alerts-title">
        <div className="panel-head">
          <h2 id="alerts-title">Open alerts</h2>
          {alerts.data ? <p className="count">{alerts.data.count}</p> : null}
        </div>
        {alerts.isPending ? <Spinner label="Loading alerts…" /> : null}
        {alerts.error ? <Alert>{errorMessage(alerts.error)}</Alert> : null}
        {alerts.data && alerts.data.count === 0 ? <p className="empty">No open alerts.</p> : null}
        {alerts.data && alerts.data.count > 0 ? (
          <ul className="alerts" aria-label="Open alerts">
            {alerts.data.results.map((a) => (
              <li key={a.id} data-testid="alert">
                <strong>{a.name}</strong> fell to {a.quantity} (reorder at {a.reorder_level}) on{' '}
                {formatWhen(a.opened_at)}
                {a.delivered_at ? <span className="muted"> · sent to the webhook</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}
