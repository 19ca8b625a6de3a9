// The signed-in session (tokens and user), kept in localStorage so it survives a reload, shared with other tabs,
// and observable from React (useSyncExternalStore).
import type { User } from './api/types';

export type { User };

export interface Session {
  access: string;
  refresh: string;
  user: User;
}

export interface SessionStore {
  load(): Session | null;
  save(session: Session | null): void;
  subscribe(listener: () => void): () => void;
}

const KEY = 'sweetshop.session';

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  const u = s.user as Record<string, unknown> | undefined;
  return (
    typeof s.access === 'string' &&
    typeof s.refresh === 'string' &&
    typeof u === 'object' &&
    u !== null &&
    typeof u.id === 'number' &&
    typeof u.username === 'string' &&
    typeof u.is_staff === 'boolean'
  );
}

export function createSessionStore(storage: Storage = window.localStorage): SessionStore {
  const listeners = new Set<() => void>();
  let cached: Session | null | undefined;
  const read = (): Session | null => {
    try {
      const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? 'null');
      return isSession(parsed) ? parsed : null;
    } catch {
      return null;
    }
  };
  const notify = () => listeners.forEach((l) => l());
  if (typeof window !== 'undefined') {
    window.addEventListener('storage', (e) => {
      if (e.key === KEY || e.key === null) {
        cached = undefined;
        notify();
      }
    });
  }
  return {
    load() {
      if (cached === undefined) cached = read();
      return cached;
    },
    save(session) {
      cached = session;
      if (session) storage.setItem(KEY, JSON.stringify(session));
      else storage.removeItem(KEY);
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/// Seconds since the epoch at which a JWT expires, or null when it cannot be read.
export function tokenExpiry(token: string): number | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(
      part
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(part.length / 4) * 4, '='),
    );
    const exp: unknown = (JSON.parse(json) as Record<string, unknown>).exp;
    return typeof exp === 'number' ? exp : null;
  } catch {
    return null;
  }
}
