// Renders components with the real providers and API client over a fake fetch that answers like the server.
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProvider, createQueryClient } from '@/app/provider';
import { createApiClient } from '@/lib/api-client';
import { createSessionStore, type Session, type User } from '@/lib/session';

export interface Call {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
}

export type Handler = (call: Call) => Response | Promise<Response>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/// A fetch that records every call and answers with the first handler whose "METHOD /path" key matches
/// (the path without its query string; the query is in call.path).
export function fakeFetch(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://shop.test');
    const headers = Object.fromEntries(Object.entries((init?.headers as Record<string, string>) ?? {}));
    const call: Call = {
      method: init?.method ?? 'GET',
      path: url.pathname + url.search,
      // A JSON body as its value; a file (a photo, a CSV) as it was sent.
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : (init?.body ?? undefined),
      headers,
    };
    calls.push(call);
    const handler = routes[`${call.method} ${url.pathname}`];
    if (!handler) return json(404, { detail: 'Not found.' });
    return handler(call);
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

/// An unsigned JWT-shaped token whose payload has `exp` (seconds); the client only reads exp.
const b64 = (o: unknown) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

export function fakeToken(exp: number, tag = 'a'): string {
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ exp, tag })}.sig`;
}

export const ann: User = {
  id: 3,
  username: 'ann',
  email: 'ann@example.com',
  is_staff: false,
  role: 'customer',
  must_change_password: false,
};
export const boss: User = {
  id: 1,
  username: 'boss',
  email: '',
  is_staff: true,
  role: 'owner',
  must_change_password: false,
};
export const sam: User = {
  id: 4,
  username: 'sam',
  email: '',
  is_staff: true,
  role: 'staff',
  must_change_password: false,
};

export function sessionFor(user: User, access = fakeToken(Math.floor(Date.now() / 1000) + 3600)): Session {
  return { access, user };
}

export function renderApp(
  ui: React.ReactElement,
  {
    routes = {},
    session = null,
    path = '/',
  }: { routes?: Record<string, Handler>; session?: Session | null; path?: string } = {},
) {
  const store = createSessionStore({ restoring: false });
  store.save(session);
  const fake = fakeFetch(routes);
  const notices: string[] = [];
  const client = createApiClient({ baseUrl: '', store, fetch: fake.fetch, onSessionExpired: (m) => notices.push(m) });
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  const router = createMemoryRouter(
    [
      { path: '/login', element: <p>Login page</p> },
      { path: '*', element: ui },
    ],
    { initialEntries: [path] },
  );
  const utils = render(
    <AppProvider store={store} client={client} queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...utils, calls: fake.calls, store, router, notices };
}
