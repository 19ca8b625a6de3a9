// The one client of the API: attaches the access token, refreshes it from the session cookie shortly before it
// expires or when the server refuses it (once per request), and signs out with a message when the refresh fails.
// The server rotates the cookie at each refresh; one refresh runs at a time.
import { ApiError, NETWORK_MESSAGE, toApiError } from './api-error';
import { type Session, type SessionStore, tokenExpiry } from './session';

export const SESSION_EXPIRED_MESSAGE = 'Your session has expired. Please sign in again.';
/// Refresh this long before the access token's expiry, so a request never leaves with a token about to lapse.
const REFRESH_MARGIN_MS = 30_000;

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /// A file sent as the body itself (a photo, a CSV), with its own type (`headers` may name another).
  file?: Blob;
  /// Send the access token (default true); public routes (login, register, metrics) pass false.
  auth?: boolean;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /// `text`: the answer's body as text (a receipt's HTML) instead of its JSON; `blob`: as a Blob (a CSV export).
  as?: 'json' | 'text' | 'blob';
}

export interface ApiClientOptions {
  baseUrl: string;
  store: SessionStore;
  fetch?: typeof fetch;
  now?: () => number;
  /// Called once when the session ends against the user's will (refresh refused, user gone).
  onSessionExpired?: (message: string) => void;
}

export interface ApiClient {
  request<T>(path: string, options?: RequestOptions): Promise<T>;
  /// Asks for a new access token with the session cookie: the session after a reload, or null without one.
  restore(): Promise<Session | null>;
}

interface SessionAnswer {
  access?: unknown;
  user?: unknown;
}

/// The JSON body of an answer; null when it is not JSON, undefined for 204.
async function parse(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return null;
  try {
    return await response.json();
  } catch {
    return null;
  }
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = options.now ?? Date.now;
  const { store, baseUrl } = options;
  let refreshing: Promise<string> | null = null;

  async function send(path: string, opts: RequestOptions, access?: string): Promise<Response> {
    const headers: Record<string, string> = {
      Accept:
        opts.as === 'text'
          ? 'text/html, application/json'
          : opts.as === 'blob'
            ? 'text/csv, application/json'
            : 'application/json',
      ...opts.headers,
    };
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    if (opts.file !== undefined) headers['Content-Type'] ??= opts.file.type || 'application/octet-stream';
    if (access) headers.Authorization = `Bearer ${access}`;
    try {
      return await doFetch(baseUrl + path, {
        method: opts.method ?? 'GET',
        headers,
        body: opts.file ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
        signal: opts.signal,
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new ApiError(0, NETWORK_MESSAGE);
    }
  }

  function endSession(message: string): never {
    if (store.load()) {
      store.save(null);
      options.onSessionExpired?.(message);
    }
    throw new ApiError(401, message);
  }

  /// The session the cookie gives now; null when the server refuses it (no cookie, ended, expired).
  async function renew(): Promise<Session | null> {
    const response = await send('/api/auth/session/refresh/', { method: 'POST' });
    const body = (await parse(response)) as SessionAnswer | null;
    if (response.status === 401) return null;
    if (!response.ok) throw toApiError(response.status, body);
    if (typeof body?.access !== 'string' || typeof body.user !== 'object' || body.user === null)
      throw new ApiError(response.status, 'The server sent an unexpected answer.');
    return { access: body.access, user: body.user as Session['user'] };
  }

  /// One refresh at a time: concurrent requests wait for the same new access token.
  function refreshAccess(): Promise<string> {
    refreshing ??= (async () => {
      try {
        const session = await renew();
        if (!session) endSession(SESSION_EXPIRED_MESSAGE);
        store.save(session);
        return session.access;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  }

  async function restore(): Promise<Session | null> {
    try {
      const session = await renew();
      store.restored(session);
      return session;
    } catch (e) {
      store.restored(null);
      throw e;
    }
  }

  async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
    const auth = opts.auth ?? true;
    let access: string | undefined;
    let session: Session | null = null;
    if (auth) {
      session = store.load();
      if (!session) throw new ApiError(401, 'Please sign in.');
      access = session.access;
      const exp = tokenExpiry(access);
      if (exp !== null && exp * 1000 - now() < REFRESH_MARGIN_MS) access = await refreshAccess();
    }
    let response = await send(path, opts, access);
    if (auth && session && response.status === 401) {
      // The access token was refused (expired early, clock skew, a new secret): refresh once and retry.
      access = await refreshAccess();
      response = await send(path, opts, access);
      if (response.status === 401) {
        const body = await parse(response);
        endSession(toApiError(401, body).message);
      }
    }
    if (response.ok && opts.as === 'text') return (await response.text()) as T;
    if (response.ok && opts.as === 'blob') return (await response.blob()) as T;
    const body = await parse(response);
    if (!response.ok) throw toApiError(response.status, body, response.headers.get('Retry-After'));
    return body as T;
  }

  return { request, restore };
}
