import { Button } from './button';

export interface PaginationProps {
  page: number;
  pageCount: number;
  onPage(page: number): void;
  label?: string;
}

/// First, previous, "Page 2 of 5", next, last; on a phone only the arrows and "2 / 5", on one line.
export function Pagination({ page, pageCount, onPage, label = 'Pages' }: PaginationProps) {
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label={label}>
      <Button
        variant="secondary"
        className="pager-end"
        onClick={() => onPage(1)}
        disabled={page <= 1}
        aria-label="First page"
      >
        «
      </Button>
      <Button variant="secondary" onClick={() => onPage(page - 1)} disabled={page <= 1}>
        <span aria-hidden="true">‹ </span>
        <span className="phone-visually-hidden">Previous</span>
      </Button>
      <span className="pagination-status" aria-live="polite">
        <span className="phone-visually-hidden">
          Page {page} of {pageCount}
        </span>
        <span aria-hidden="true" className="pager-short">
          {page} / {pageCount}
        </span>
      </span>
      <Button variant="secondary" onClick={() => onPage(page + 1)} disabled={page >= pageCount}>
        <span className="phone-visually-hidden">Next</span>
        <span aria-hidden="true"> ›</span>
      </Button>
      <Button
        variant="secondary"
        className="pager-end"
        onClick={() => onPage(pageCount)}
        disabled={page >= pageCount}
        aria-label="Last page"
      >
        »
      </Button>
    </nav>
  );
}
