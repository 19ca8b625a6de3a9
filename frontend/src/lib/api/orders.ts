// Orders: placing (a basket, or a counter sale), lists, one order, refunds and receipts, with their query hooks.
// Every order changes stock, so it refreshes the sweets and the dashboard too.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from '@/lib/api-client';
import { useApi } from '@/lib/api-context';
import { ApiError } from '@/lib/api-error';
import type { components } from './schema';
import { listPath } from './list-path';

type Schemas = components['schemas'];
export type Order = Schemas['Order'];
export type OrderPage = Schemas['OrderPage'];
export type OrderCreate = Schemas['OrderCreate'];
export type RefundCreate = Schemas['RefundCreate'];
export type Unavailable = Schemas['Unavailable']['unavailable'][number];

export interface OrderQuery {
  customer?: string;
  from?: string;
  to?: string;
  status?: string;
  page?: number;
  page_size?: number;
}

export const ordersPath = (query: OrderQuery) => listPath('/api/orders/', query);

export const placeOrder = (client: ApiClient, order: OrderCreate, key: string) =>
  client.request<Order>('/api/orders/', { method: 'POST', body: order, headers: { 'Idempotency-Key': key } });

export const refundOrder = (client: ApiClient, number: string, refund: RefundCreate, key: string) =>
  client.request<Order>(`/api/orders/${number}/refund/`, {
    method: 'POST',
    body: refund,
    headers: { 'Idempotency-Key': key },
  });

export const fetchReceipt = (client: ApiClient, number: string) =>
  client.request<string>(`/api/orders/${number}/receipt/`, { as: 'text' });

export function useOrders(query: OrderQuery) {
  const client = useApi();
  return useQuery({
    queryKey: ['orders', query],
    queryFn: ({ signal }) => client.request<OrderPage>(ordersPath(query), { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useOrder(number: string) {
  const client = useApi();
  return useQuery({
    queryKey: ['order', number],
    queryFn: ({ signal }) => client.request<Order>(`/api/orders/${number}/`, { signal }),
  });
}

export function useReceipt(number: string) {
  const client = useApi();
  return useQuery({ queryKey: ['receipt', number], queryFn: () => fetchReceipt(client, number) });
}

/// After an order or a refund: show the order as answered, refetch the lists, the stock and the numbers.
export function useOrderChanged() {
  const queryClient = useQueryClient();
  return (order?: Order) => {
    if (order) queryClient.setQueryData(['order', order.number], order);
    for (const key of ['orders', 'receipt', 'sweets', 'metrics'])
      void queryClient.invalidateQueries({ queryKey: [key] });
  };
}

/// The Insufficient-stock answer's short lines, when that is what an error is.
export function unavailableLines(error: unknown): Unavailable[] | null {
  if (!(error instanceof ApiError)) return null;
  const body = error.body as { unavailable?: unknown } | null | undefined;
  return Array.isArray(body?.unavailable) ? (body.unavailable as Unavailable[]) : null;
}
