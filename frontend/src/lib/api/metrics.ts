// The per-category figures (public): the dashboard's chart, the categories of the shop's pickers.
import { useQuery } from '@tanstack/react-query';
import type { ApiClient } from '@/lib/api-client';
import { useApi } from '@/lib/api-context';
import type { CategoryMetrics } from '@/lib/api/types';

export type { CategoryMetrics };

export const fetchCategoryMetrics = (client: ApiClient, signal?: AbortSignal) =>
  client.request<CategoryMetrics[]>('/api/metrics/sweets/', { auth: false, signal });

/// Refetched after every purchase and restock (see useSweetChanged), on focus, and every 30 s for other people's.
export function useCategoryMetrics() {
  const client = useApi();
  return useQuery({
    queryKey: ['metrics'],
    queryFn: ({ signal }) => fetchCategoryMetrics(client, signal),
    refetchInterval: 30_000,
  });
}
