// The staff's workspace: the stock first, All / Low / Out / Archived, sortable columns (least stock first by default),
// and per sweet: restock and edit in the row, adjust, history, archive or restore and delete in its menu. Add and edit
// open in a side panel; every change confirms in a toast, and the rows keep their places until the view changes, so
// a restocked sweet stays where it was (with its new numbers) instead of jumping away.
import { useState } from 'react';
import { Alert, Spinner } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { RowMenu } from '@/components/ui/row-menu';
import { useToast } from '@/components/ui/toast';
import { TextField } from '@/components/ui/field';
import { Pagination } from '@/components/ui/pagination';
import { useApi } from '@/lib/api-context';
import { errorMessage } from '@/lib/api-error';
import { formatCount, formatPrice } from '@/lib/format';
import { useFormMutation } from '@/lib/use-form-mutation';
import { isLow } from '@/lib/api/stock';
import { deleteSweet, type Sweet, type SweetQuery, updateSweet, useSweetChanged, useSweets } from '@/lib/api/sweets';
import { AdjustDialog } from './adjust-dialog';
import { HistoryDialog } from './history-dialog';
import { RestockForm } from './restock-form';
import { PhotoEditor } from './photo-editor';
import { SweetForm } from './sweet-form';
import '../admin.css';
import { SweetCell } from '@/components/ui/sweet-cell';

const PAGE_SIZE = 10;

const FILTERS = [
  { key: 'all', label: 'All', query: { active: true } },
  { key: 'low', label: 'Low', query: { stock: 'low' } },
  { key: 'out', label: 'Out', query: { active: true, stock: 'out' } },
  { key: 'archived', label: 'Archived', query: { active: false } },
] as const satisfies readonly { key: string; label: string; query: Partial<SweetQuery> }[];
type Filter = (typeof FILTERS)[number]['key'];

const COLUMNS = [
  { field: 'name', label: 'Sweet' },
  { field: 'price', label: 'Price' },
  { field: 'quantity', label: 'In stock' },
  { field: 'reorder_level', label: 'Reorder at' },
] as const;
type SortField = (typeof COLUMNS)[number]['field'];

function StockBadge({ sweet }: { sweet: Sweet }) {
  if (sweet.active === false) return <span className="badge">Archived</span>;
  if (sweet.quantity === 0) return <span className="badge badge-out">Out of stock</span>;
  if (isLow(sweet)) return <span className="badge badge-low">Low</span>;
  return null;
}

function DeleteDialog({ sweet, onClose, onDeleted }: { sweet: Sweet; onClose(): void; onDeleted(): void }) {
  const client = useApi();
  const changed = useSweetChanged();
  const toast = useToast();
  const { submit, busy, errors } = useFormMutation([], {
    mutationFn: () => deleteSweet(client, sweet.id),
    onSuccess: () => {
      changed();
      onDeleted();
      toast(`Deleted ${sweet.name}.`);
      onClose();
    },
  });
  return (
    <Dialog title={`Delete ${sweet.name}?`} onClose={onClose}>
      <p>
        {sweet.name} leaves the catalogue for good. Its sales stay in the records. This cannot be undone: to stop
        selling it but keep it, archive it instead.
      </p>
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      <div className="form-actions">
        <Button variant="secondary" onClick={onClose}>
          Keep it
        </Button>
        <Button variant="danger" onClick={() => submit()} busy={busy}>
          Delete
        </Button>
      </div>
    </Dialog>
  );
}

export function StockTable({ adding = false, onAddDone }: { adding?: boolean; onAddDone?(): void }) {
  const client = useApi();
  const toast = useToast();
  const changed = useSweetChanged();
  const [page, setPageNow] = useState(1);
  const [name, setName] = useState('');
  const [find, setFind] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [sort, setSort] = useState<{ field: SortField; descending: boolean }>({ field: 'quantity', descending: false });
  const [editing, setEditing] = useState<Sweet | null>(null);
  const [deleting, setDeleting] = useState<Sweet | null>(null);
  const [adjusting, setAdjusting] = useState<Sweet | null>(null);
  const [showing, setShowing] = useState<Sweet | null>(null);
  const ordering = `${sort.descending ? '-' : ''}${sort.field}`;
  const chosen = FILTERS.find((f) => f.key === filter) ?? FILTERS[0];
  const query = useSweets({ name, ordering, page, page_size: PAGE_SIZE, ...chosen.query });
  const pageCount = query.data ? Math.max(1, Math.ceil(query.data.count / PAGE_SIZE)) : 1;
  // The rows as shown when a change was made, with the changed sweets' new numbers: kept until the view changes.
  const [held, setHeld] = useState<Sweet[] | null>(null);
  const fresh = new Map((query.data?.results ?? []).map((s) => [s.id, s]));
  const rows = held ? held.map((h) => fresh.get(h.id) ?? h) : (query.data?.results ?? []);
  const keep = (sweet: Sweet) => setHeld(rows.map((r) => (r.id === sweet.id ? sweet : r)));
  const drop = (sweet: Sweet) => setHeld(rows.filter((r) => r.id !== sweet.id));
  // Another view (page, filter, sort, search) shows the rows in the server's order again.
  const setPage = (next: number) => {
    setHeld(null);
    setPageNow(next);
  };
  if (query.data && page > pageCount) setPage(pageCount);
  const archive = useFormMutation<Sweet, Sweet>([], {
    mutationFn: (s) => updateSweet(client, s.id, { active: s.active === false }),
    onSuccess: (result) => {
      changed();
      keep(result);
      toast(
        result.active === false ? `Archived ${result.name}: customers no longer see it.` : `Restored ${result.name}.`,
      );
    },
    onError: (e) => toast(errorMessage(e), 'error'),
  });

  return (
    <section className="panel" aria-labelledby="stock-title">
      <div className="panel-head">
        <h1 id="stock-title">Stock</h1>
        {query.data ? <p className="count">{formatCount(query.data.count, 'sweet', 'sweets')}</p> : null}
      </div>
      <form
        className="find"
        role="search"
        aria-label="Find a sweet in stock"
        onSubmit={(e) => {
          e.preventDefault();
          setName(find.trim());
          setPage(1);
        }}
      >
        <TextField label="Find by name" type="search" value={find} onChange={(e) => setFind(e.target.value)} />
        <Button type="submit" variant="secondary">
          Find
        </Button>
      </form>
      <div className="filters" role="group" aria-label="Show">
        {FILTERS.map((f) => (
          <Button
            key={f.key}
            variant={f.key === filter ? 'primary' : 'secondary'}
            aria-pressed={f.key === filter}
            onClick={() => {
              setFilter(f.key);
              setPage(1);
            }}
          >
            {f.label}
          </Button>
        ))}
      </div>
      {query.isPending ? <Spinner label="Loading stock…" /> : null}
      {query.error ? <Alert>{errorMessage(query.error)}</Alert> : null}
      {query.data && query.data.count === 0 && rows.length === 0 ? (
        <p className="empty">
          {name
            ? `No sweet named like "${name}".`
            : filter === 'all'
              ? 'No sweets yet: add the first one above.'
              : `No ${chosen.label.toLowerCase()} sweets.`}
        </p>
      ) : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="stock-table">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th
                    key={c.field}
                    scope="col"
                    aria-sort={sort.field === c.field ? (sort.descending ? 'descending' : 'ascending') : undefined}
                  >
                    <button
                      type="button"
                      className="sort"
                      onClick={() => {
                        setSort({ field: c.field, descending: sort.field === c.field && !sort.descending });
                        setPage(1);
                      }}
                    >
                      {c.label}
                      <span aria-hidden="true">{sort.field === c.field ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                    </button>
                  </th>
                ))}
                <th scope="col">Restock</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id} data-testid="stock-row">
                  <SweetCell sweet={s} />
                  <td>{formatPrice(s.price)}</td>
                  <td className="num">
                    <span data-testid="row-quantity">{s.quantity}</span> <StockBadge sweet={s} />
                  </td>
                  <td className="num">{s.reorder_level ? s.reorder_level : '–'}</td>
                  <td>
                    <RestockForm sweet={s} onDone={keep} />
                  </td>
                  <td className="row-actions">
                    <div>
                      <Button variant="secondary" onClick={() => setEditing(s)} aria-label={`Edit ${s.name}`}>
                        Edit
                      </Button>
                      <RowMenu
                        label={`More actions for ${s.name}`}
                        items={[
                          { label: 'Adjust', name: `Adjust ${s.name}`, onSelect: () => setAdjusting(s) },
                          { label: 'History', name: `History of ${s.name}`, onSelect: () => setShowing(s) },
                          {
                            label: s.active === false ? 'Restore' : 'Archive',
                            name: `${s.active === false ? 'Restore' : 'Archive'} ${s.name}`,
                            onSelect: () => archive.submit(s),
                          },
                          { label: 'Delete…', name: `Delete ${s.name}`, danger: true, onSelect: () => setDeleting(s) },
                        ]}
                      />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pagination page={page} pageCount={pageCount} onPage={setPage} label="Stock pages" />
      {adding ? (
        <Dialog title="Add a sweet" placement="side" onClose={() => onAddDone?.()}>
          <SweetForm
            onSaved={(sweet) => {
              toast(`Added ${sweet.name}.`);
              onAddDone?.();
            }}
            onCancel={() => onAddDone?.()}
          />
        </Dialog>
      ) : null}
      {editing ? (
        <Dialog title={`Edit ${editing.name}`} placement="side" onClose={() => setEditing(null)}>
          <SweetForm
            sweet={editing}
            onSaved={(sweet) => {
              keep(sweet);
              toast(`Saved ${sweet.name}.`);
              setEditing(null);
            }}
            onCancel={() => setEditing(null)}
          />
          <PhotoEditor sweet={editing} />
        </Dialog>
      ) : null}
      {deleting ? (
        <DeleteDialog sweet={deleting} onClose={() => setDeleting(null)} onDeleted={() => drop(deleting)} />
      ) : null}
      {adjusting ? <AdjustDialog sweet={adjusting} onClose={() => setAdjusting(null)} onDone={keep} /> : null}
      {showing ? <HistoryDialog sweet={showing} onClose={() => setShowing(null)} /> : null}
    </section>
  );
}
