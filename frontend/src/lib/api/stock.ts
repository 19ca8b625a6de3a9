// Stock control's API (staff): adjustments, stocktakes, a sweet's history, the low-stock list and its alerts, with
// their react-query hooks. Every change refreshes the lists (useSweetChanged) and the stock pages' own queries.
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from '@/lib/api-client';
import { useApi } from '@/lib/api-context';
import { formatDay } from '@/lib/format';
import type { components } from './schema';
import type { Sweet } from './types';
import { useSweetChanged } from './sweets';

type Schemas = components['schemas'];
export type LedgerEntry = Schemas['LedgerEntry'];
export type HistoryPage = Schemas['HistoryPage'];
export type StocktakeResult = Schemas['StocktakeResult'];
export type LowStock = Schemas['LowStock'];
export type LowSweet = LowStock['results'][number];
export type StockAlerts = Schemas['StockAlerts'];
export type StockAlert = StockAlerts['results'][number];
export type Batch = Schemas['Batch'];
export type Batches = Schemas['Batches'];
export type ExpiringStock = Schemas['ExpiringStock'];
export type WriteOffResult = Schemas['WriteOffResult'];

export const ADJUST_REASONS = [
  { value: 'count', label: 'Counted' },
  { value: 'damaged', label: 'Damaged' },
  { value: 'expired', label: 'Expired' },
  { value: 'sample', label: 'Free sample' },
  { value: 'other', label: 'Other' },
] as const;
export type AdjustReason = (typeof ADJUST_REASONS)[number]['value'];

/// What the history shows for a ledger reason.
export const REASON_LABELS: Record<string, string> = {
  create: 'Added',
  purchase: 'Sold',
  restock: 'Restocked',
  edit: 'Edited',
  delete: 'Deleted',
  refund: 'Refunded',
  ...Object.fromEntries(ADJUST_REASONS.map((r) => [r.value, r.label])),
};

export interface AdjustmentInput {
  counted?: number | string;
  delta?: number | string;
  reason: AdjustReason;
  note: string;
}

export const adjustSweet = (client: ApiClient, id: number, input: AdjustmentInput) =>
  client.request<{ entry: LedgerEntry; sweet: Sweet }>(`/api/sweets/${id}/adjust/`, { method: 'POST', body: input });

export interface CountLine {
  sweet: number;
  counted: number | string;
}

export const countStock = (client: ApiClient, counts: CountLine[], note: string, dryRun: boolean) =>
  client.request<StocktakeResult>('/api/stock/count/', { method: 'POST', body: { counts, note, dry_run: dryRun } });

/// Whether a sweet is at or below its reorder level (staff answers carry it).
export const isLow = (s: Sweet) =>
  (s.active ?? true) && (s.reorder_level ?? 0) > 0 && s.quantity <= (s.reorder_level ?? 0);

export function useHistory(id: number) {
  const client = useApi();
  return useInfiniteQuery({
    queryKey: ['history', id],
    initialPageParam: '',
    queryFn: ({ pageParam, signal }) =>
      client.request<HistoryPage>(`/api/sweets/${id}/history/?page_size=20${pageParam ? `&before=${pageParam}` : ''}`, {
        signal,
      }),
    getNextPageParam: (last) => (last.next ? (new URL(last.next).searchParams.get('before') ?? undefined) : undefined),
  });
}

/// A sweet's batches with units left, in the order sales take them (the earliest date first, undated last).
export function useBatches(id: number) {
  const client = useApi();
  return useQuery({
    queryKey: ['batches', id],
    queryFn: ({ signal }) => client.request<Batches>(`/api/sweets/${id}/batches/`, { signal }),
  });
}

/// Batches past their date and those best before today + `days` or earlier.
export function useExpiring(days: number) {
  const client = useApi();
  return useQuery({
    queryKey: ['stock', 'expiring', days],
    queryFn: ({ signal }) => client.request<ExpiringStock>(`/api/stock/expiring/?days=${days}`, { signal }),
  });
}

export const writeOffBatch = (client: ApiClient, id: number, note: string) =>
  client.request<WriteOffResult>(`/api/stock/batches/${id}/write-off/`, { method: 'POST', body: { note } });

/// A batch as people name it: "best before 5 Dec 2026 · lot A", or "undated".
export function batchLabel(b: { best_before: string | null; lot: string }) {
  const date = b.best_before ? `best before ${formatDay(b.best_before)}` : 'undated';
  return b.lot ? `${date} · lot ${b.lot}` : date;
}

export function useLowStock() {
  const client = useApi();
  return useQuery({
    queryKey: ['stock', 'low'],
    queryFn: ({ signal }) => client.request<LowStock>('/api/stock/low/', { signal }),
  });
}

export function useAlerts() {
  const client = useApi();
  return useQuery({
    queryKey: ['stock', 'alerts'],
    queryFn: ({ signal }) => client.request<StockAlerts>('/api/stock/alerts/', { signal }),
  });
}

/// After a stock change: the sweet everywhere, the lists, the low list and alerts (useSweetChanged), the histories.
export function useStockChanged() {
  const changed = useSweetChanged();
  const queryClient = useQueryClient();
  return (sweet?: Sweet) => {
    changed(sweet);
    void queryClient.invalidateQueries({ queryKey: ['history'] });
    void queryClient.invalidateQueries({ queryKey: ['batches'] });
  };
}
