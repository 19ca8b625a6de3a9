// The signed-in person's own account: password, email and sessions.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from '@/lib/api-client';
import { useApi } from '@/lib/api-context';
import type { SessionList, User } from '@/lib/api/types';

export interface PasswordChange {
  current_password: string;
  new_password: string;
}

export function useSessions() {
  const client = useApi();
  return useQuery({
    queryKey: ['sessions'],
    queryFn: ({ signal }) => client.request<SessionList>('/api/auth/sessions/', { signal }),
  });
}

export function useEndSession() {
  const client = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: async (id: number | 'others'): Promise<void> => {
      if (id === 'others')
        await client.request<{ ended: number }>('/api/auth/sessions/end-others/', { method: 'POST' });
      else await client.request<void>(`/api/auth/sessions/${id}/`, { method: 'DELETE' });
    },
    onSettled: () => queries.invalidateQueries({ queryKey: ['sessions'] }),
  });
}

export const changePassword = (client: ApiClient, change: PasswordChange) =>
  client.request<User>('/api/auth/password/', { method: 'POST', body: change });

export const changeEmail = (client: ApiClient, email: string) =>
  client.request<User>('/api/auth/me/', { method: 'PATCH', body: { email } });
