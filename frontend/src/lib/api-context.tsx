// Wires the API client and the session store into React, so components and tests use the same instances.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ApiClient } from './api-client';
import type { Session, SessionState, SessionStore } from './session';

export interface ApiContextValue {
  client: ApiClient;
  store: SessionStore;
  /// A message for the login page (why the session ended), or null.
  notice: string | null;
  setNotice(message: string | null): void;
}

export const ApiContext = createContext<ApiContextValue | null>(null);

export function useApiContext(): ApiContextValue {
  const value = useContext(ApiContext);
  if (!value) throw new Error('useApiContext outside <AppProvider>');
  return value;
}

export function useApi(): ApiClient {
  return useApiContext().client;
}

export function useSession(): Session | null {
  const { store } = useApiContext();
  return useSyncExternalStore(store.subscribe, store.load, store.load);
}

/// The session and whether it is still being restored after a reload.
export function useSessionState(): SessionState {
  const { store } = useApiContext();
  return useSyncExternalStore(store.subscribe, store.state, store.state);
}
