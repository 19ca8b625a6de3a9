// The catalogue: filters, sort and page live in the URL (reload, back and shared links keep them).
import { useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Spinner } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Pagination } from '@/components/ui/pagination';
import { ApiError, errorMessage } from '@/lib/api-error';
import { formatCount } from '@/lib/format';
import { useSweets } from '@/lib/api/sweets';
import { CatalogueFilters, EMPTY_FILTERS, type Filters } from './catalogue-filters';
import { SweetCard } from './sweet-card';
import '../sweets.css';

export const CATALOGUE_PAGE_SIZE = 12;

function readFilters(params: URLSearchParams): Filters {
  return {
    q: params.get('q') ?? '',
    name: params.get('name') ?? '',
    category: params.get('category') ?? '',
    min_price: params.get('min_price') ?? '',
    max_price: params.get('max_price') ?? '',
    ordering: params.get('ordering') ?? EMPTY_FILTERS.ordering,
  };
}

export function Catalogue() {
  const [params, setParams] = useSearchParams();
  // One object per distinct URL: the filter form resets its draft only when the search really changed, not on
  // every refetch (which would throw away what the user is typing).
  const search = params.toString();
  const filters = useMemo(() => readFilters(new URLSearchParams(search)), [search]);
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const query = useSweets({ ...filters, page, page_size: CATALOGUE_PAGE_SIZE });

  const grid = useRef<HTMLDivElement>(null);
  // Another page starts at the top of the grid (not where the pager was), with the focus there for the keyboard.
  const turn = (nextPage: number) => {
    go(filters, nextPage);
    grid.current?.scrollIntoView?.({ block: 'start' }); // (not in jsdom)
    grid.current?.focus({ preventScroll: true });
  };
  const go = (next: Filters, nextPage = 1) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next))
      if (v && !(k === 'ordering' && v === EMPTY_FILTERS.ordering)) p.set(k, v);
    if (nextPage > 1) p.set('page', String(nextPage));
    setParams(p);
  };

  const error = query.error;
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
  // A filter the API refused (typed into the address, say) keeps the last results on screen, the error beside it.
  const [lastGood, setLastGood] = useState(query.data);
  if (query.data && query.data !== lastGood) setLastGood(query.data);
  const data = query.data ?? (Object.keys(fieldErrors).length ? lastGood : undefined);
  const pageCount = data ? Math.max(1, Math.ceil(data.count / CATALOGUE_PAGE_SIZE)) : 1;
  const filtered = Object.entries(filters).some(([k, v]) => v && k !== 'ordering');

  return (
    <section className="panel" aria-labelledby="catalogue-title">
      <div className="panel-head">
        <h1 id="catalogue-title">Sweet catalogue</h1>
        {data ? (
          <p className="count" aria-live="polite" data-testid="result-count">
            {formatCount(data.count, 'sweet', 'sweets')}
            {filtered ? ' found' : ''}
          </p>
        ) : null}
      </div>
      <CatalogueFilters value={filters} errors={fieldErrors} onSearch={(f) => go(f)} />
      {query.isPending ? <Spinner label="Loading sweets…" /> : null}
      {error && !Object.keys(fieldErrors).length ? (
        error instanceof ApiError && error.status === 404 && page > 1 ? (
          <Alert>
            That page does not exist any more.{' '}
            <Button variant="ghost" onClick={() => go(filters)}>
              Go to the first page
            </Button>
          </Alert>
        ) : (
          <Alert>
            {errorMessage(error)}{' '}
            <Button variant="ghost" onClick={() => void query.refetch()}>
              Try again
            </Button>
          </Alert>
        )
      ) : null}
      {data && data.count === 0 ? (
        <div className="empty">
          <p>{filtered ? 'No sweets match your search.' : 'The shop has no sweets yet.'}</p>
          {filtered ? (
            <Button variant="secondary" onClick={() => go(EMPTY_FILTERS)}>
              Clear the search
            </Button>
          ) : null}
        </div>
      ) : null}
      {data && data.count > 0 ? (
        <>
          <div
            className="sweet-grid"
            ref={grid}
            tabIndex={-1}
            aria-label="Sweets"
            role="region"
            data-testid="sweet-grid"
            aria-busy={query.isFetching || undefined}
          >
            {data.results.map((s) => (
              <SweetCard key={s.id} sweet={s} />
            ))}
          </div>
          <Pagination page={page} pageCount={pageCount} onPage={turn} label="Catalogue pages" />
        </>
      ) : null}
    </section>
  );
}
