// The owner's audit log: every staff and owner action, newest first, filtered by who, what and when, with the
// matching entries as CSV.
import { useState } from 'react';
import { Alert, Spinner } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useApi } from '@/lib/api-context';
import { errorMessage } from '@/lib/api-error';
import { formatWhen } from '@/lib/format';
import { ACTION_GROUPS, type AuditQuery, actionLabel, describeDetails, downloadAudit, useAudit } from '../api/audit';
import '../audit.css';

export function AuditLog() {
  const client = useApi();
  const [filters, setFilters] = useState<AuditQuery>({});
  const [query, setQuery] = useState<AuditQuery>({});
  const [newer, setNewer] = useState<(number | undefined)[]>([]);
  const [saved, setSaved] = useState<{ ok: boolean; text: string } | null>(null);
  const audit = useAudit(query);
  const nextBefore = audit.data?.next ? Number(new URL(audit.data.next).searchParams.get('before')) : null;
  const apply = (next: AuditQuery) => {
    setNewer([]);
    setQuery(next);
  };
  const download = async () => {
    setSaved(null);
    try {
      setSaved({ ok: true, text: `Saved ${await downloadAudit(client, query)}.` });
    } catch (e) {
      setSaved({ ok: false, text: errorMessage(e) });
    }
  };
  return (
    <section className="panel" aria-labelledby="audit-title">
      <div className="panel-head">
        <h1 id="audit-title">Audit log</h1>
        <Button variant="secondary" onClick={() => void download()}>
          Download CSV
        </Button>
      </div>
      <p className="field-hint">
        Every change staff and owners make is written here in the same step as the change itself: prices, stock,
        refunds, roles, sign-ins.
      </p>
      {saved ? <Alert kind={saved.ok ? 'success' : 'error'}>{saved.text}</Alert> : null}
      <form
        className="audit-filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          apply({ ...filters, actor: filters.actor?.trim() });
        }}
      >
        <div className="field">
          <label htmlFor="audit-actor">Who (username)</label>
          <input
            id="audit-actor"
            value={filters.actor ?? ''}
            onChange={(e) => setFilters({ ...filters, actor: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="audit-action">What</label>
          <select
            id="audit-action"
            value={filters.action ?? ''}
            onChange={(e) => {
              const next = { ...filters, action: e.target.value };
              setFilters(next);
              apply(next);
            }}
          >
            {ACTION_GROUPS.map((g) => (
              <option key={g.value} value={g.value}>
                {g.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">From</label>
          <input
            id="audit-from"
            type="date"
            value={filters.from ?? ''}
            onChange={(e) => setFilters({ ...filters, from: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="audit-to">To</label>
          <input
            id="audit-to"
            type="date"
            value={filters.to ?? ''}
            onChange={(e) => setFilters({ ...filters, to: e.target.value })}
          />
        </div>
        <Button type="submit">Show</Button>
      </form>
      {audit.isPending ? <Spinner label="Loading the log…" /> : null}
      {audit.isError ? <Alert>{errorMessage(audit.error)}</Alert> : null}
      {audit.data && audit.data.results.length === 0 ? <p className="empty">Nothing matches.</p> : null}
      {audit.data?.results.length ? (
        <div className="table-wrap">
          <table className="audit-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Of</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.results.map((e) => (
                <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                  <td>{formatWhen(e.at)}</td>
                  <td>{e.actor}</td>
                  <td>{actionLabel(e.action)}</td>
                  <td>{e.subject_type === 'order' && e.subject_id ? `Order ${e.subject_id}` : e.subject || '—'}</td>
                  <td className="audit-details">{describeDetails(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <nav className="pagination" aria-label="Audit log pages">
        <Button
          variant="secondary"
          disabled={newer.length === 0}
          onClick={() => {
            const stack = [...newer];
            const before = stack.pop();
            setNewer(stack);
            setQuery({ ...query, before });
          }}
        >
          Newer
        </Button>
        <Button
          variant="secondary"
          disabled={nextBefore === null}
          onClick={() => {
            setNewer([...newer, query.before]);
            setQuery({ ...query, before: nextBefore ?? undefined });
          }}
        >
          Older
        </Button>
      </nav>
    </section>
  );
}
