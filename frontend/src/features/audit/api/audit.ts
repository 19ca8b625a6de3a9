// The audit log (the owner's): who did what, newest first, filtered; and its CSV.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ApiClient } from '@/lib/api-client';
import { useApi } from '@/lib/api-context';
import type { AuditEntry, AuditPage } from '@/lib/api/types';
import { saveBlob } from '@/lib/download';
import { formatCount } from '@/lib/format';

export type { AuditEntry };

export interface AuditQuery {
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
  /// Entries older than this id (the page after a `next` link).
  before?: number;
}

export const AUDIT_PAGE_SIZE = 50;

/// The action groups a filter offers (a value ending in a dot is a group).
export const ACTION_GROUPS: { value: string; label: string }[] = [
  { value: '', label: 'Everything' },
  { value: 'sign_in', label: 'Staff sign-ins' },
  { value: 'sweet.', label: 'Catalogue' },
  { value: 'stock.', label: 'Stock' },
  { value: 'order.', label: 'Refunds' },
  { value: 'user.', label: 'People' },
  { value: 'account.', label: 'Own passwords' },
];

const ACTIONS: Record<string, string> = {
  sign_in: 'Signed in',
  'sweet.create': 'Added a sweet',
  'sweet.edit': 'Edited a sweet',
  'sweet.archive': 'Archived a sweet',
  'sweet.restore': 'Put a sweet back on sale',
  'sweet.delete': 'Deleted a sweet',
  'stock.restock': 'Restocked',
  'stock.adjust': 'Adjusted stock',
  'stock.count': 'Stocktake',
  'order.refund': 'Refunded an order',
  'user.role': 'Changed a role',
  'user.deactivate': 'Deactivated a user',
  'user.reactivate': 'Reactivated a user',
  'user.password_reset': 'Reset a password',
  'account.password': 'Changed own password',
};

export const actionLabel = (action: string) => ACTIONS[action] ?? action;

function params(query: AuditQuery): URLSearchParams {
  const q = new URLSearchParams();
  for (const key of ['actor', 'action', 'from', 'to'] as const) if (query[key]) q.set(key, query[key]);
  return q;
}

export function useAudit(query: AuditQuery) {
  const client = useApi();
  return useQuery({
    queryKey: ['audit', query],
    queryFn: ({ signal }) => {
      const q = params(query);
      q.set('page_size', String(AUDIT_PAGE_SIZE));
      if (query.before) q.set('before', String(query.before));
      return client.request<AuditPage>(`/api/audit/?${q}`, { signal });
    },
    placeholderData: keepPreviousData,
  });
}

/// Downloads every entry matching the filters as CSV; returns the file's name.
export async function downloadAudit(client: ApiClient, query: AuditQuery): Promise<string> {
  const q = params(query);
  q.set('format', 'csv');
  const blob = await client.request<Blob>(`/api/audit/?${q}`, { as: 'blob' });
  const name = `audit${query.from ? `-from-${query.from}` : ''}${query.to ? `-to-${query.to}` : ''}.csv`;
  saveBlob(blob, name);
  return name;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const show = (v: Json): string => (v === null ? 'none' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/// The entry's details in a line: changed fields as "price 1.00 → 1.20", other facts as "amount 5".
export function describeDetails(entry: AuditEntry): string {
  const details = entry.details as Record<string, Json>;
  const parts: string[] = [];
  for (const [key, value] of Object.entries(details)) {
    const label = key.replace(/_/g, ' ');
    if (value && typeof value === 'object' && !Array.isArray(value) && 'before' in value && 'after' in value) {
      parts.push(`${label} ${show(value.before!)} → ${show(value.after!)}`);
    } else if (Array.isArray(value)) {
      parts.push(formatCount(value.length, 'line', 'lines'));
    } else if (value !== '' && value !== null) {
      parts.push(`${label} ${show(value)}`);
    }
  }
  return parts.join(', ');
}
