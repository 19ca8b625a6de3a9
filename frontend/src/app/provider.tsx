import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { ToastProvider } from '@/components/ui/toast';
import { env } from '@/config/env';
import { type ApiClient, createApiClient } from '@/lib/api-client';
import { ApiError } from '@/lib/api-error';
import { ApiContext, type ApiContextValue } from '@/lib/api-context';
import { createSessionStore, type SessionStore } from '@/lib/session';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // Client errors (bad filter, page gone, signed out) are answers, not glitches: do not retry them.
        retry: (failures, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      },
    },
  });
}

export interface AppProviderProps {
  children: React.ReactNode;
  store?: SessionStore;
  client?: ApiClient;
  queryClient?: QueryClient;
}

export function AppProvider({
  children,
  store: givenStore,
  client: givenClient,
  queryClient: givenQueryClient,
}: AppProviderProps) {
  const [notice, setNotice] = useState<string | null>(null);
  const [queryClient] = useState(() => givenQueryClient ?? createQueryClient());
  const [store] = useState(() => givenStore ?? createSessionStore());
  const client = useMemo(
    () =>
      givenClient ??
      createApiClient({
        baseUrl: env.apiUrl,
        store,
        onSessionExpired: (message) => {
          queryClient.clear();
          setNotice(message);
        },
      }),
    [givenClient, store, queryClient],
  );
  useEffect(() => {
    // After a reload, the session cookie (if any) gives a new access token; other tabs' sign-ins and sign-outs
    // are followed.
    if (store.state().restoring) client.restore().catch(() => undefined);
    return store.onAnnouncement((event) => {
      queryClient.clear();
      if (event === 'signed-out') store.save(null);
      else client.restore().catch(() => undefined);
    });
  }, [client, store, queryClient]);
  const value: ApiContextValue = useMemo(() => ({ client, store, notice, setNotice }), [client, store, notice]);
  return (
    <ApiContext.Provider value={value}>
      <QueryClientProvider client={queryClient}>
        <ToastProvider>{children}</ToastProvider>
      </QueryClientProvider>
    </ApiContext.Provider>
  );
}
