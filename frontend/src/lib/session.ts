// The signed-in session: the access token and the user, in memory only (no token is ever written to storage a
// script could read). The refresh token lives in an HttpOnly cookie the server sets; after a reload the app asks
// the server for a new access token with it (`restoring` until that answer). Other tabs hear of a sign-in or
// sign-out through a BroadcastChannel. Observable from React (useSyncExternalStore).
import type { User } from './api/types';

export type { User };

export interface Session {
  access: string;
  user: User;
}

export interface SessionState {
  session: Session | null;
  /// True until the first attempt to restore the session from the cookie has answered.
  restoring: boolean;
}

export type SessionEvent = 'signed-in' | 'signed-out';

export interface SessionStore {
  load(): Session | null;
  state(): SessionState;
  save(session: Session | null): void;
  /// The restore from the cookie has answered (with `session`, or none).
  restored(session: Session | null): void;
  subscribe(listener: () => void): () => void;
  /// Tells the other tabs (they restore, or sign out).
  announce(event: SessionEvent): void;
  /// Listens to the other tabs' announcements.
  onAnnouncement(listener: (event: SessionEvent) => void): () => void;
}

const CHANNEL = 'sweetshop.session';

export function createSessionStore({ restoring = true }: { restoring?: boolean } = {}): SessionStore {
  const listeners = new Set<() => void>();
  const heard = new Set<(event: SessionEvent) => void>();
  let current: SessionState = { session: null, restoring };
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
  channel?.addEventListener('message', (e: MessageEvent<unknown>) => {
    if (e.data === 'signed-in' || e.data === 'signed-out') heard.forEach((l) => l(e.data as SessionEvent));
  });
  const set = (next: SessionState) => {
    current = next;
    listeners.forEach((l) => l());
  };
  return {
    load: () => current.session,
    state: () => current,
    save: (session) => set({ session, restoring: false }),
    restored: (session) => set({ session, restoring: false }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    // A BroadcastChannel reaches this origin's tabs only; its postMessage takes no target origin.
    // oxlint-disable-next-line unicorn/require-post-message-target-origin
    announce: (event) => channel?.postMessage(event),
    onAnnouncement(listener) {
      heard.add(listener);
      return () => heard.delete(listener);
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
