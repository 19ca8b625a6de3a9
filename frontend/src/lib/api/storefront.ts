// The storefront's API: the sweets on sale for anyone, without a token (availability instead of counts).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ApiClient } from '@/lib/api-client';
import { useApi } from '@/lib/api-context';
import { listPath } from './list-path';
import type { StorefrontPage, StorefrontSweet } from './types';

export type { StorefrontPage, StorefrontSweet } from './types';

export interface StorefrontQuery {
  q?: string;
  category?: string;
  ordering?: string;
  page?: number;
  page_size?: number;
}

export const listStorefront = (client: ApiClient, query: StorefrontQuery, signal?: AbortSignal) =>
  client.request<StorefrontPage>(listPath('/api/storefront/sweets/', query), { auth: false, signal });

export const fetchStorefrontSweet = (client: ApiClient, id: number, signal?: AbortSignal) =>
  client.request<StorefrontSweet>(`/api/storefront/sweets/${id}/`, { auth: false, signal });

export function useStorefront(query: StorefrontQuery) {
  const client = useApi();
  return useQuery({
    queryKey: ['sweets', 'storefront', query],
    queryFn: ({ signal }) => listStorefront(client, query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useStorefrontSweet(id: number) {
  const client = useApi();
  return useQuery({
    queryKey: ['sweets', 'storefront', 'one', id],
    queryFn: ({ signal }) => fetchStorefrontSweet(client, id, signal),
  });
}

/// The stock badge's class: out, low or plain.
export const availabilityClass = (sweet: Pick<StorefrontSweet, 'availability'>) =>
  sweet.availability === 'sold_out' ? 'stock stock-out' : sweet.availability === 'low' ? 'stock stock-low' : 'stock';

/// What a visitor reads of a sweet's stock.
export function availabilityText(sweet: Pick<StorefrontSweet, 'availability' | 'left'>): string {
  if (sweet.availability === 'sold_out') return 'Sold out';
  if (sweet.availability === 'low') return `Only ${sweet.left ?? 'a few'} left`;
  return 'In stock';
}
