import { useEffect, useId, useRef, useState } from 'react';
import { checkMoney, liveErrors } from '@/lib/checks';
import { useDebounced } from '@/lib/use-debounced';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { SORT_OPTIONS, type SweetQuery } from '@/lib/api/sweets';

export type Filters = Required<Pick<SweetQuery, 'q' | 'name' | 'category' | 'min_price' | 'max_price' | 'ordering'>>;

export const EMPTY_FILTERS: Filters = { q: '', name: '', category: '', min_price: '', max_price: '', ordering: 'name' };

export interface CatalogueFiltersProps {
  value: Filters;
  errors?: Record<string, string[]>;
  onSearch(filters: Filters): void;
}

/// The search form: applied on Search (or Enter); the sort applies at once.
export function CatalogueFilters({ value, errors = {}, onSearch }: CatalogueFiltersProps) {
  const [draft, setDraft] = useState(value);
  const moreId = useId();
  const [expanded, setExpanded] = useState(
    () =>
      Boolean(value.category || value.min_price || value.max_price) ||
      value.ordering !== EMPTY_FILTERS.ordering ||
      Object.keys(errors).some((f) => f !== 'name'),
  );
  // Follow the URL when it changes from elsewhere (back, forward, a link), but not when it catches up with our
  // own search: that would wipe what the user typed meanwhile.
  const submitted = useRef(JSON.stringify(value));
  useEffect(() => {
    const key = JSON.stringify(value);
    if (key !== submitted.current) {
      submitted.current = key;
      setDraft(value);
    }
  }, [value]);
  // A price the API would refuse is said beside its field as it is typed, and not searched for: the results
  // on screen stay.
  const live = { min_price: checkMoney(draft.min_price), max_price: checkMoney(draft.max_price) };
  const search = (next: Filters) => {
    if (checkMoney(next.min_price) || checkMoney(next.max_price)) return;
    submitted.current = JSON.stringify(next);
    onSearch(next);
  };
  // Search as you type: the search box applies once typing pauses.
  const settled = useDebounced(draft.q, 300);
  useEffect(() => {
    if (settled !== value.q) search({ ...draft, q: settled });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the settled text changes
  }, [settled]);
  const set = (field: keyof Filters) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setDraft({ ...draft, [field]: e.target.value });

  return (
    // oxlint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- Escape closes the filter sheet
    <form
      className="filters"
      role="search"
      aria-label="Search sweets"
      onSubmit={(e) => {
        e.preventDefault();
        search(draft);
        setExpanded(false); // the phone's sheet closes on its results
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && expanded) setExpanded(false);
      }}
    >
      <TextField
        label="Search"
        labelClassName="phone-visually-hidden"
        name="q"
        type="search"
        value={draft.q}
        onChange={set('q')}
        errors={errors.q}
        autoComplete="off"
        placeholder="Name, category or description"
      />
      {/* On a phone only the name shows until "More filters" is pressed; on wider screens all of them. */}
      <Button
        variant="secondary"
        className="filters-toggle"
        aria-expanded={expanded}
        aria-controls={moreId}
        onClick={() => setExpanded(!expanded)}
      >
        {expanded ? 'Fewer filters' : 'More filters'}
      </Button>
      <div className={expanded ? 'filters-more' : 'filters-more filters-collapsed'} id={moreId}>
        <TextField
          label="Name contains"
          name="name"
          type="search"
          value={draft.name}
          onChange={set('name')}
          errors={errors.name}
        />
        <TextField
          label="Category"
          name="category"
          type="search"
          value={draft.category}
          onChange={set('category')}
          errors={errors.category}
        />
        <TextField
          label="Min price"
          name="min_price"
          inputMode="decimal"
          value={draft.min_price}
          onChange={set('min_price')}
          errors={liveErrors(live.min_price, errors.min_price)}
        />
        <TextField
          label="Max price"
          name="max_price"
          inputMode="decimal"
          value={draft.max_price}
          onChange={set('max_price')}
          errors={liveErrors(live.max_price, errors.max_price)}
        />
        <div className="field">
          <label htmlFor="ordering">Sort by</label>
          <select
            id="ordering"
            name="ordering"
            value={draft.ordering}
            onChange={(e) => {
              const next = { ...draft, ordering: e.target.value };
              setDraft(next);
              search(next);
            }}
          >
            {SORT_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="filters-actions">
          <Button type="submit">Search</Button>
          <Button
            variant="secondary"
            onClick={() => {
              setDraft(EMPTY_FILTERS);
              search(EMPTY_FILTERS);
              setExpanded(false);
            }}
          >
            Reset
          </Button>
        </div>
      </div>
    </form>
  );
}
