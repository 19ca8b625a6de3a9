// The catalogue's API (#4-#11 of the contract) and its react-query hooks, shared by the features that show or
// change sweets. Every stock change refreshes the lists and the dashboard's numbers.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from '@/lib/api-client';
import { useApi } from '@/lib/api-context';
import { ApiError } from '@/lib/api-error';
import { newIdempotencyKey } from '@/lib/format';
import { listPath } from './list-path';
import type { Sweet, SweetPage } from './types';

export type { Sweet, SweetPage } from './types';

export interface SweetQuery {
  /// A search: every word a prefix of a word of the name, category or description.
  q?: string;
  /// Exactly this barcode (what a scanner types).
  barcode?: string;
  name?: string;
  category?: string;
  min_price?: string;
  max_price?: string;
  ordering?: string;
  page?: number;
  page_size?: number;
  /// Staff only: archived (false) or on sale (true); low or out of stock.
  active?: boolean;
  stock?: 'low' | 'out';
}

export interface SweetInput {
  name: string;
  category: string;
  description: string;
  price: string;
  quantity: string;
  reorder_level: string;
  reorder_quantity: string;
  /// Empty: unknown (sent as null).
  cost: string;
  /// Empty: none.
  sku?: string;
  /// EAN-13 or UPC-A; empty: none.
  barcode?: string;
  /// piece, or gram (price per kilogram, stock in grams)
  unit?: 'piece' | 'gram';
}

/// The body for the API: a blank cost is "unknown" (null), a blank SKU or barcode none (null).
export const sweetBody = (input: Partial<SweetInput>) => {
  const body: Record<string, unknown> = { ...input };
  for (const field of ['cost', 'sku', 'barcode'] as const)
    if (field in input) body[field] = input[field]?.trim() ? input[field] : null;
  return body;
};

export const SORT_OPTIONS = [
  { value: 'name', label: 'Name (A–Z)' },
  { value: '-name', label: 'Name (Z–A)' },
  { value: 'alphabetical', label: 'Name, as in a dictionary' },
  { value: 'price', label: 'Price (low to high)' },
  { value: '-price', label: 'Price (high to low)' },
  { value: 'quantity', label: 'Stock (least first)' },
  { value: '-quantity', label: 'Stock (most first)' },
  { value: '-created_at', label: 'Newest first' },
] as const;

export const sweetsPath = (query: SweetQuery) => listPath('/api/sweets/', query);

export const listSweets = (client: ApiClient, query: SweetQuery, signal?: AbortSignal) =>
  client.request<SweetPage>(sweetsPath(query), { signal });

export const purchaseSweet = (client: ApiClient, id: number, amount: number | string, key = newIdempotencyKey()) =>
  client.request<Sweet>(`/api/sweets/${id}/purchase/`, {
    method: 'POST',
    body: { amount },
    headers: { 'Idempotency-Key': key },
  });

/// What a refused purchase says is for sale (`available`, after its "Insufficient stock"), when that is what an
/// error is (the orders' twin: unavailableLines).
export function purchaseAvailable(error: unknown): number | null {
  if (!(error instanceof ApiError)) return null;
  const body = error.body as { available?: unknown } | null | undefined;
  return typeof body?.available === 'number' ? body.available : null;
}

/// A restock; `batch`: its best-before date (YYYY-MM-DD) and lot, when it has them.
export const restockSweet = (
  client: ApiClient,
  id: number,
  amount: number | string,
  batch: { best_before?: string; lot?: string } = {},
  key = newIdempotencyKey(),
) =>
  client.request<Sweet>(`/api/sweets/${id}/restock/`, {
    method: 'POST',
    body: {
      amount,
      ...(batch.best_before ? { best_before: batch.best_before } : {}),
      ...(batch.lot ? { lot: batch.lot } : {}),
    },
    headers: { 'Idempotency-Key': key },
  });

export const createSweet = (client: ApiClient, input: Omit<SweetInput, 'cost'> & { cost?: string }) =>
  client.request<Sweet>('/api/sweets/', { method: 'POST', body: sweetBody(input) });

export const updateSweet = (client: ApiClient, id: number, input: Partial<SweetInput> | { active: boolean }) =>
  client.request<Sweet>(`/api/sweets/${id}/`, {
    method: 'PATCH',
    body: 'active' in input ? input : sweetBody(input),
  });

export const deleteSweet = (client: ApiClient, id: number) =>
  client.request<void>(`/api/sweets/${id}/`, { method: 'DELETE' });

export function useSweets(query: SweetQuery, enabled = true) {
  const client = useApi();
  return useQuery({
    queryKey: ['sweets', query],
    queryFn: ({ signal }) => listSweets(client, query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/// After a change: show the sweet as the server returned it at once, then refetch lists and metrics.
export function useSweetChanged() {
  const queryClient = useQueryClient();
  return (sweet?: Sweet) => {
    if (sweet) {
      queryClient.setQueriesData<SweetPage>({ queryKey: ['sweets'] }, (page) =>
        page ? { ...page, results: page.results.map((s) => (s.id === sweet.id ? sweet : s)) } : page,
      );
    }
    void queryClient.invalidateQueries({ queryKey: ['sweets'] });
    void queryClient.invalidateQueries({ queryKey: ['stock'] });
    void queryClient.invalidateQueries({ queryKey: ['metrics'] });
  };
}
