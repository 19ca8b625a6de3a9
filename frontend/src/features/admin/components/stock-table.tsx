// The admin's view of the stock, least stock first: edit, restock and delete each sweet.
import { useState } from 'react';
import { Alert, Spinner } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/field';
import { Pagination } from '@/components/ui/pagination';
import { useApi } from '@/lib/api-context';
import { errorMessage } from '@/lib/api-error';
import { formatPrice } from '@/lib/format';
import { useFormMutation } from '@/lib/use-form-mutation';
import { deleteSweet, type Sweet, useSweetChanged, useSweets } from '@/lib/api/sweets';
import { RestockForm } from './restock-form';
import { SweetForm } from './sweet-form';
import '../admin.css';

export const LOW_STOCK = 5;
const PAGE_SIZE = 10;

function StockBadge({ quantity }: { quantity: number }) {
  if (quantity === 0) return <span className="badge badge-out">Out of stock</span>;
  if (quantity <= LOW_STOCK) return <span className="badge badge-low">Low</span>;
  return null;
}

function DeleteDialog({ sweet, onClose }: { sweet: Sweet; onClose(): void }) {
  const client = useApi();
  const changed = useSweetChanged();
  const { submit, busy, errors } = useFormMutation([], {
    mutationFn: () => deleteSweet(client, sweet.id),
    onSuccess: () => {
      changed();
      onClose();
    },
  });
  return (
    <Dialog title={`Delete ${sweet.name}?`} onClose={onClose}>
      <p>{sweet.name} leaves the catalogue for good. Its sales stay in the records. This cannot be undone.</p>
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

export function StockTable() {
  const [page, setPage] = useState(1);
  const [name, setName] = useState('');
  const [find, setFind] = useState('');
  const [editing, setEditing] = useState<Sweet | null>(null);
  const [deleting, setDeleting] = useState<Sweet | null>(null);
  const query = useSweets({ name, ordering: 'quantity', page, page_size: PAGE_SIZE });
  const pageCount = query.data ? Math.max(1, Math.ceil(query.data.count / PAGE_SIZE)) : 1;
  if (query.data && page > pageCount) setPage(pageCount);

  return (
    <section className="panel" aria-labelledby="stock-title">
      <div className="panel-head">
        <h2 id="stock-title">Stock, least first</h2>
        {query.data ? <p className="count">{query.data.count} sweets</p> : null}
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
      {query.isPending ? <Spinner label="Loading stock…" /> : null}
      {query.error ? <Alert>{errorMessage(query.error)}</Alert> : null}
      {query.data && query.data.count === 0 ? (
        <p className="empty">{name ? `No sweet named like "${name}".` : 'No sweets yet: add the first one above.'}</p>
      ) : null}
      {query.data && query.data.count > 0 ? (
        <div className="table-wrap">
          <table className="stock-table">
            <thead>
              <tr>
                <th scope="col">Sweet</th>
                <th scope="col">Price</th>
                <th scope="col">In stock</th>
                <th scope="col">Restock</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {query.data.results.map((s) => (
                <tr key={s.id} data-testid="stock-row">
                  <th scope="row">
                    <span className="row-name">{s.name}</span>
                    <span className="muted">{s.category}</span>
                  </th>
                  <td>{formatPrice(s.price)}</td>
                  <td className="num">
                    <span data-testid="row-quantity">{s.quantity}</span> <StockBadge quantity={s.quantity} />
                  </td>
                  <td>
                    <RestockForm sweet={s} />
                  </td>
                  <td className="row-actions">
                    <div>
                      <Button variant="secondary" onClick={() => setEditing(s)} aria-label={`Edit ${s.name}`}>
                        Edit
                      </Button>
                      <Button variant="danger" onClick={() => setDeleting(s)} aria-label={`Delete ${s.name}`}>
                        Delete
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pagination page={page} pageCount={pageCount} onPage={setPage} label="Stock pages" />
      {editing ? (
        <Dialog title={`Edit ${editing.name}`} onClose={() => setEditing(null)}>
          <SweetForm sweet={editing} onSaved={() => setEditing(null)} onCancel={() => setEditing(null)} />
        </Dialog>
      ) : null}
      {deleting ? <DeleteDialog sweet={deleting} onClose={() => setDeleting(null)} /> : null}
    </section>
  );
}
