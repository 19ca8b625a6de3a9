// The owner's page of people: search by name or email, filter by role, change a role, deactivate or reactivate.
// A change applies at that person's next request; the last active owner cannot be demoted or deactivated.
import { useState } from 'react';
import { Alert, Spinner } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Pagination } from '@/components/ui/pagination';
import { errorMessage } from '@/lib/api-error';
import { useSession } from '@/lib/api-context';
import { formatWhen, formatCount } from '@/lib/format';
import {
  PEOPLE_PAGE_SIZE,
  type Person,
  type PeopleQuery,
  type Role,
  ROLES,
  usePeople,
  useResetPassword,
  useUpdatePerson,
} from '../api/people';
import '../people.css';

export function PeopleTable() {
  const [query, setQuery] = useState<PeopleQuery>({ page: 1 });
  const [search, setSearch] = useState('');
  const people = usePeople(query);
  const update = useUpdatePerson();
  const reset = useResetPassword();
  const [temporary, setTemporary] = useState<{ username: string; password: string } | null>(null);
  const me = useSession()?.user;
  const [done, setDone] = useState<string | null>(null);
  const change = (p: Person, what: { role?: Role; is_active?: boolean }, said: string) => {
    setDone(null);
    setTemporary(null);
    update.mutate({ id: p.id, change: what }, { onSuccess: () => setDone(said) });
  };
  const pages = people.data ? Math.max(1, Math.ceil(people.data.count / PEOPLE_PAGE_SIZE)) : 1;
  return (
    <section className="panel" aria-labelledby="people-title">
      <div className="panel-head">
        <h1 id="people-title">People</h1>
        {people.data ? (
          <span className="count" data-testid="people-count">
            {formatCount(people.data.count, 'person', 'people')}
          </span>
        ) : null}
      </div>
      <p className="field-hint">
        Staff run the catalogue, stock, orders and the counter; the owner also sees costs and profit and manages people.
        A change applies at that person&rsquo;s next click.
      </p>
      <form
        className="people-filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ ...query, search: search.trim(), page: 1 });
        }}
      >
        <div className="field">
          <label htmlFor="people-search">Name or email</label>
          <input id="people-search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="people-role">Role</label>
          <select
            id="people-role"
            value={query.role ?? ''}
            onChange={(e) => setQuery({ ...query, role: e.target.value as Role | '', page: 1 })}
          >
            <option value="">Everyone</option>
            {ROLES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit">Search</Button>
      </form>
      {update.error ? <Alert>{errorMessage(update.error)}</Alert> : null}
      {reset.error ? <Alert>{errorMessage(reset.error)}</Alert> : null}
      {temporary ? (
        <Alert kind="success">
          Temporary password for {temporary.username}:{' '}
          <code className="temporary-password" data-testid="temporary-password">
            {temporary.password}
          </code>
          . Give it to them: they are signed out everywhere and choose their own password when they next sign in.
        </Alert>
      ) : null}
      {done ? <Alert kind="success">{done}</Alert> : null}
      {people.isPending ? <Spinner label="Loading people…" /> : null}
      {people.isError ? <Alert>{errorMessage(people.error)}</Alert> : null}
      {people.data && people.data.count === 0 ? <p className="empty">Nobody matches.</p> : null}
      {people.data?.results.length ? (
        <div className="table-wrap">
          <table className="people-table">
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Role</th>
                <th scope="col">Joined</th>
                <th scope="col">Last sign-in</th>
                <th scope="col" className="num">
                  Orders
                </th>
                <th scope="col">Access</th>
                <th scope="col">Password</th>
              </tr>
            </thead>
            <tbody>
              {people.data.results.map((p) => (
                <tr key={p.id} data-testid="person-row" data-username={p.username}>
                  <th scope="row">
                    <span className="person-name">{p.username}</span>
                    {p.email ? <span className="person-email">{p.email}</span> : null}
                    {p.id === me?.id ? <span className="badge">You</span> : null}
                  </th>
                  <td>
                    <select
                      aria-label={`Role of ${p.username}`}
                      value={p.role}
                      disabled={update.isPending}
                      onChange={(e) => {
                        const role = e.target.value as Role;
                        change(
                          p,
                          { role },
                          `${p.username} is now ${ROLES.find((r) => r.value === role)!.label.toLowerCase()}.`,
                        );
                      }}
                    >
                      {ROLES.map((r) => (
                        <option key={r.value} value={r.value}>
                          {r.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{formatWhen(p.date_joined)}</td>
                  <td>{p.last_login ? formatWhen(p.last_login) : 'Never'}</td>
                  <td className="num">{p.orders}</td>
                  <td>
                    {p.is_active ? (
                      <Button
                        variant="secondary"
                        disabled={update.isPending}
                        aria-label={`Deactivate ${p.username}`}
                        onClick={() => change(p, { is_active: false }, `${p.username} can no longer sign in.`)}
                      >
                        Deactivate
                      </Button>
                    ) : (
                      <>
                        <span className="badge badge-muted">Deactivated</span>{' '}
                        <Button
                          variant="secondary"
                          disabled={update.isPending}
                          aria-label={`Reactivate ${p.username}`}
                          onClick={() => change(p, { is_active: true }, `${p.username} can sign in again.`)}
                        >
                          Reactivate
                        </Button>
                      </>
                    )}
                  </td>
                  <td>
                    {p.must_change_password ? <span className="badge badge-muted">Temporary</span> : null}{' '}
                    <Button
                      variant="secondary"
                      disabled={reset.isPending}
                      aria-label={`Reset the password of ${p.username}`}
                      onClick={() => {
                        setDone(null);
                        setTemporary(null);
                        reset.mutate(p.id, {
                          onSuccess: (r) => setTemporary({ username: p.username, password: r.temporary_password }),
                        });
                      }}
                    >
                      Reset
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pagination
        page={query.page}
        pageCount={pages}
        onPage={(page) => setQuery({ ...query, page })}
        label="People pages"
      />
    </section>
  );
}
