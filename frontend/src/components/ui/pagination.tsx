import { Button } from './button';

export interface PaginationProps {
  page: number;
  pageCount: number;
  onPage(page: number): void;
  label?: string;
}

export function Pagination({ page, pageCount, onPage, label = 'Pages' }: PaginationProps) {
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label={label}>
      <Button variant="secondary" onClick={() => onPage(1)} disabled={page <= 1} aria-label="First page">
        «
      </Button>
      <Button variant="secondary" onClick={() => onPage(page - 1)} disabled={page <= 1}>
        Previous
      </Button>
      <span className="pagination-status" aria-live="polite">
        Page {page} of {pageCount}
      </span>
      <Button variant="secondary" onClick={() => onPage(page + 1)} disabled={page >= pageCount}>
        Next
      </Button>
      <Button variant="secondary" onClick={() => onPage(pageCount)} disabled={page >= pageCount} aria-label="Last page">
        »
      </Button>
    </nav>
  );
}
