// The catalogue from a CSV file: choose it, see the dry run (each row: created, updated, unchanged or refused and
// why), fix the file and check again, then apply it whole. The export gives a file in the same columns.
import { useId, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useApi } from '@/lib/api-context';
import { ApiError, errorMessage } from '@/lib/api-error';
import type { ImportPlan } from '@/lib/api/types';
import { useSweetChanged } from '@/lib/api/sweets';
import { saveBlob } from '@/lib/download';
import '../import.css';

const ACTIONS: Record<string, string> = {
  create: 'New sweet',
  update: 'Update',
  unchanged: 'No change',
  refused: 'Refused',
};

function problems(errors: Record<string, unknown>): string[] {
  return Object.entries(errors).flatMap(([field, messages]) =>
    (Array.isArray(messages) ? messages : [String(messages)]).map((m) =>
      field === 'non_field_errors' ? String(m) : `${field.replace('_', ' ')}: ${String(m)}`,
    ),
  );
}

const isPlan = (body: unknown): body is ImportPlan =>
  typeof body === 'object' && body !== null && 'lines' in body && Array.isArray(body.lines);

export function ImportPage() {
  const client = useApi();
  const changed = useSweetChanged();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [busy, setBusy] = useState<'check' | 'apply' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (apply: boolean) => {
    if (!file) return;
    setError(null);
    setBusy(apply ? 'apply' : 'check');
    try {
      const result = await client.request<ImportPlan>(`/api/sweets/import/${apply ? '?apply=true' : ''}`, {
        method: 'POST',
        file,
        headers: { 'Content-Type': 'text/csv' },
      });
      setPlan(result);
      if (result.applied) changed();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && isPlan(e.body)) {
        setPlan(e.body); // applied with refused rows: nothing was written
      } else {
        setPlan(null);
        setError(errorMessage(e, 'csv'));
      }
    } finally {
      setBusy(null);
    }
  };
  const download = async () => {
    setError(null);
    try {
      saveBlob(await client.request<Blob>('/api/exports/catalogue/', { as: 'blob' }), 'catalogue.csv');
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <section className="panel" aria-labelledby="import-title">
      <div className="panel-head">
        <h1 id="import-title">Import the catalogue</h1>
        <Button variant="secondary" onClick={() => void download()}>
          Download the catalogue (CSV)
        </Button>
      </div>
      <p>
        A CSV file with a first row naming its columns: <code>name</code> (required), <code>category</code>,{' '}
        <code>description</code>, <code>price</code>, <code>quantity</code>, <code>sku</code>, <code>barcode</code>,{' '}
        <code>reorder_level</code>, <code>cost</code>. A row updates the sweet with its SKU or name, or adds a new one;
        empty cells leave a field as it is. Nothing changes until you apply a check without refused rows.
      </p>
      <div className="import-choose">
        <div className="field">
          <label htmlFor={inputId}>CSV file</label>
          <input
            id={inputId}
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setPlan(null);
              setError(null);
            }}
          />
        </div>
        <Button disabled={!file} busy={busy === 'check'} onClick={() => void run(false)}>
          Check the file
        </Button>
      </div>
      {error ? <Alert>{error}</Alert> : null}
      {plan ? (
        <>
          {plan.applied ? (
            <Alert kind="success">
              Imported: {plan.create} new, {plan.update} updated, {plan.unchanged} unchanged.
            </Alert>
          ) : (
            <p aria-live="polite" data-testid="import-summary">
              {plan.rows} rows: {plan.create} new, {plan.update} to update, {plan.unchanged} unchanged,{' '}
              <strong>{plan.refused} refused</strong>.
              {plan.refused ? ' Fix the refused rows in the file, choose it again and check it.' : ''}
            </p>
          )}
          <div className="table-wrap">
            <table className="import-table" aria-label="What the import does, row by row">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Row
                  </th>
                  <th scope="col">Sweet</th>
                  <th scope="col">Does</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {plan.lines.map((l) => (
                  <tr key={l.row} className={l.action === 'refused' ? 'import-refused' : undefined}>
                    <td className="num">{l.row}</td>
                    <td>{l.name || <span className="muted">(no name)</span>}</td>
                    <td>{ACTIONS[l.action] ?? l.action}</td>
                    <td>
                      {l.action === 'refused' ? (
                        <ul className="field-errors">
                          {problems(l.errors).map((p) => (
                            <li key={p}>{p}</li>
                          ))}
                        </ul>
                      ) : l.changes.length ? (
                        l.changes.join(', ').replaceAll('_', ' ')
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {!plan.applied ? (
            <div className="form-actions">
              <Button
                disabled={plan.refused > 0 || plan.create + plan.update === 0}
                busy={busy === 'apply'}
                onClick={() => void run(true)}
              >
                Apply the import
              </Button>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
