// The reports' API (staff): sales over a period by day, week or month, best sellers, the stock's value, and the CSV
// exports, with their react-query hooks. Figures are refetched on focus and every minute (a sale elsewhere).
import { useQuery } from '@tanstack/react-query';
import type { ApiClient } from '@/lib/api-client';
import { useApi } from '@/lib/api-context';
import type { components } from '@/lib/api/schema';
import { saveBlob } from '@/lib/download';

type Schemas = components['schemas'];
export type SalesReport = Schemas['SalesReport'];
export type SalesRow = Schemas['SalesRow'];
export type SalesFigures = Schemas['SalesFigures'];
export type BestSellers = Schemas['BestSellers'];
export type StockValueReport = Schemas['StockValueReport'];
export type TimeGroup = 'day' | 'week' | 'month';
export type Period = { from: string; to: string };

const REFRESH_MS = 60_000;

/// `from`/`to` left out: the server's default, the 30 days that end today in the shop's zone.
export const fetchSales = (client: ApiClient, period: Partial<Period>, group: TimeGroup, signal?: AbortSignal) => {
  const query = new URLSearchParams({ group });
  if (period.from) query.set('from', period.from);
  if (period.to) query.set('to', period.to);
  return client.request<SalesReport>(`/api/reports/sales/?${query}`, { signal });
};

export function useSales(period: Partial<Period> | null, group: TimeGroup) {
  const client = useApi();
  return useQuery({
    queryKey: ['reports', 'sales', period, group],
    queryFn: ({ signal }) => fetchSales(client, period ?? {}, group, signal),
    enabled: period !== null,
    refetchInterval: REFRESH_MS,
    placeholderData: (previous) => previous,
  });
}

export function useBestSellers(period: Period | null, by: 'units' | 'revenue') {
  const client = useApi();
  return useQuery({
    queryKey: ['reports', 'best-sellers', period, by],
    queryFn: ({ signal }) =>
      client.request<BestSellers>(
        `/api/reports/best-sellers/?${new URLSearchParams({ ...period!, by, limit: '10' })}`,
        { signal },
      ),
    enabled: period !== null,
    refetchInterval: REFRESH_MS,
    placeholderData: (previous) => previous,
  });
}

export function useStockValue() {
  const client = useApi();
  return useQuery({
    queryKey: ['reports', 'stock'],
    queryFn: ({ signal }) => client.request<StockValueReport>('/api/reports/stock/', { signal }),
    refetchInterval: REFRESH_MS,
  });
}

export const EXPORTS = [
  { kind: 'orders', label: 'Orders', dated: true },
  { kind: 'order-lines', label: 'Order lines', dated: true },
  { kind: 'ledger', label: 'Stock ledger', dated: true },
  { kind: 'stock', label: 'Current stock', dated: false },
] as const;
export type ExportKind = (typeof EXPORTS)[number]['kind'];

/// Fetches an export (with the session's token, which a plain link could not send) and saves it as a file.
export async function downloadExport(client: ApiClient, kind: ExportKind, period: Period): Promise<string> {
  const dated = EXPORTS.find((e) => e.kind === kind)!.dated;
  const query = dated ? `?${new URLSearchParams(period)}` : '';
  const blob = await client.request<Blob>(`/api/exports/${kind}/${query}`, { as: 'blob' });
  const name = dated ? `${kind}-${period.from}-to-${period.to}.csv` : `${kind}.csv`;
  saveBlob(blob, name);
  return name;
}
