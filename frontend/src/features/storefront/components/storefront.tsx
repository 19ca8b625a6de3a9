// The shop for everyone, signed in or not: search as you type (`q`, debounced), a category, an order; the search
// lives in the URL so reloads and shared links keep it. Buying asks to sign in only at checkout.
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Spinner } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Pagination } from '@/components/ui/pagination';
import { useCategoryMetrics } from '@/lib/api/metrics';
import { errorMessage } from '@/lib/api-error';
import { useStorefront } from '@/lib/api/storefront';
import { formatCount } from '@/lib/format';
import { useDebounced } from '@/lib/use-debounced';
import { StorefrontCard } from './storefront-card';
import '../storefront.css';

const PAGE_SIZE = 12;
const ORDERS = [
  { value: '', label: 'Best match, then A–Z' },
  { value: 'alphabetical', label: 'Name (A–Z)' },
  { value: '-alphabetical', label: 'Name (Z–A)' },
  { value: 'price', label: 'Price (low to high)' },
  { value: '-price', label: 'Price (high to low)' },
  { value: '-created_at', label: 'Newest first' },
] as const;

export function Storefront() {
  const [params, setParams] = useSearchParams();
  const [typed, setTyped] = useState(params.get('q') ?? '');
  const q = useDebounced(typed.trim(), 300);
  const category = params.get('category') ?? '';
  const ordering = params.get('ordering') ?? '';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const [added, setAdded] = useState<string | null>(null);
  const categories = useCategoryMetrics();

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };
  // The debounced search goes to the URL (and so to the query) once typing pauses.
  useEffect(() => {
    if (q !== (params.get('q') ?? '')) update({ q });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the settled text changes
  }, [q]);

  const query = useStorefront({
    q: params.get('q') ?? '',
    category,
    ordering,
    page,
    page_size: PAGE_SIZE,
  });
  const pageCount = query.data ? Math.max(1, Math.ceil(query.data.count / PAGE_SIZE)) : 1;
  const searching = Boolean(params.get('q') || category);

  return (
    <section className="panel" aria-labelledby="shop-title">
      <div className="panel-head">
        <h1 id="shop-title">Our sweets</h1>
        {query.data ? (
          <p className="count" aria-live="polite" data-testid="result-count">
            {formatCount(query.data.count, 'sweet', 'sweets')}
            {searching ? ' found' : ''}
          </p>
        ) : null}
      </div>
      <form
        className="filters shop-filters"
        role="search"
        aria-label="Search the shop"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field shop-search">
          <label htmlFor="shop-q">Search</label>
          <input
            id="shop-q"
            type="search"
            name="q"
            value={typed}
            placeholder="Try “creme” or “fruit”"
            autoComplete="off"
            maxLength={200}
            onChange={(e) => setTyped(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="shop-category">Category</label>
          <select id="shop-category" value={category} onChange={(e) => update({ category: e.target.value })}>
            <option value="">All categories</option>
            {(categories.data ?? []).map((c) => (
              <option key={c.category} value={c.category}>
                {c.category}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="shop-ordering">Sort by</label>
          <select id="shop-ordering" value={ordering} onChange={(e) => update({ ordering: e.target.value })}>
            {ORDERS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      </form>
      {added ? (
        <Alert kind="success">
          {added} <Link to="/basket">See the basket</Link>
        </Alert>
      ) : null}
      {query.isPending ? <Spinner label="Loading sweets…" /> : null}
      {query.error ? (
        <Alert>
          {errorMessage(query.error)}{' '}
          <Button variant="ghost" onClick={() => void query.refetch()}>
            Try again
          </Button>
        </Alert>
      ) : null}
      {query.data && query.data.count === 0 ? (
        <div className="empty">
          <p>{searching ? 'No sweets match your search.' : 'The shop has no sweets on sale yet.'}</p>
          {searching ? (
            <Button
              variant="secondary"
              onClick={() => {
                setTyped('');
                update({ q: '', category: '' });
              }}
            >
              Clear the search
            </Button>
          ) : null}
        </div>
      ) : null}
      {query.data && query.data.count > 0 ? (
        <>
          <div className="sweet-grid" aria-busy={query.isFetching || undefined}>
            {query.data.results.map((s) => (
              <StorefrontCard key={s.id} sweet={s} onAdded={setAdded} />
            ))}
          </div>
          <Pagination
            page={page}
            pageCount={pageCount}
            onPage={(p) => update({ page: p > 1 ? String(p) : '' })}
            label="Shop pages"
          />
        </>
      ) : null}
    </section>
  );
}
