// People (the owner's): the users with their role and state, and changing a role or deactivating.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from '@/lib/api-client';
import { useApi } from '@/lib/api-context';
import type { components } from '@/lib/api/schema';

export type Person = components['schemas']['Person'];
export type PersonPage = components['schemas']['PersonPage'];
export type Role = Person['role'];
export const ROLES: { value: Role; label: string }[] = [
  { value: 'customer', label: 'Customer' },
  { value: 'staff', label: 'Staff' },
  { value: 'owner', label: 'Owner' },
];

export interface PeopleQuery {
  search?: string;
  role?: Role | '';
  page: number;
}
export const PEOPLE_PAGE_SIZE = 25;

export function usePeople(query: PeopleQuery) {
  const client = useApi();
  return useQuery({
    queryKey: ['people', query],
    queryFn: ({ signal }) => {
      const q = new URLSearchParams({ page: String(query.page), page_size: String(PEOPLE_PAGE_SIZE) });
      if (query.search) q.set('search', query.search);
      if (query.role) q.set('role', query.role);
      return client.request<PersonPage>(`/api/users/?${q}`, { signal });
    },
    placeholderData: keepPreviousData,
  });
}

export const updatePerson = (client: ApiClient, id: number, change: { role?: Role; is_active?: boolean }) =>
  client.request<Person>(`/api/users/${id}/`, { method: 'PATCH', body: change });

export function useUpdatePerson() {
  const client = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: number; change: { role?: Role; is_active?: boolean } }) =>
      updatePerson(client, id, change),
    onSettled: () => queries.invalidateQueries({ queryKey: ['people'] }),
  });
}

/// Gives the person a temporary password (shown once) and signs them out everywhere.
export function useResetPassword() {
  const client = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      client.request<{ temporary_password: string }>(`/api/users/${id}/password/`, { method: 'POST' }),
    onSettled: () => queries.invalidateQueries({ queryKey: ['people'] }),
  });
}
