import { describe, expect, it, vi } from 'vitest';
import { fakeFetch, fakeToken, json, sessionFor, ann } from '@/testing/test-utils';
import { createApiClient, SESSION_EXPIRED_MESSAGE } from './api-client';
import { ApiError, NETWORK_MESSAGE } from './api-error';
import { createSessionStore, tokenExpiry } from './session';

const NOW = 1_800_000_000_000; // ms
const inSeconds = (s: number) => Math.floor(NOW / 1000) + s;

function setup(routes: Parameters<typeof fakeFetch>[0], accessExp = inSeconds(3600)) {
  const store = createSessionStore({ restoring: false });
  store.save(sessionFor(ann, fakeToken(accessExp)));
  const fake = fakeFetch(routes);
  const expired = vi.fn<(message: string) => void>();
  const client = createApiClient({ baseUrl: '', store, fetch: fake.fetch, now: () => NOW, onSessionExpired: expired });
  return { store, client, calls: fake.calls, expired };
}

describe('api client', () => {
  it('sends the access token and JSON body', async () => {
    const { client, calls, store } = setup({ 'POST /api/sweets/7/purchase/': () => json(200, { id: 7, quantity: 2 }) });
    const sweet = await client.request<{ quantity: number }>('/api/sweets/7/purchase/', {
      method: 'POST',
      body: { amount: 1 },
      headers: { 'Idempotency-Key': 'k1' },
    });
    expect(sweet.quantity).toBe(2);
    expect(calls[0]!.headers.Authorization).toBe(`Bearer ${store.load()!.access}`);
    expect(calls[0]!.headers['Content-Type']).toBe('application/json');
    expect(calls[0]!.headers['Idempotency-Key']).toBe('k1');
    expect(calls[0]!.body).toEqual({ amount: 1 });
  });

  it('refreshes an access token about to expire before sending, with the session cookie', async () => {
    const fresh = fakeToken(inSeconds(3600), 'fresh');
    const promoted = { ...ann, is_staff: true, role: 'staff' as const };
    const { client, calls, store } = setup(
      {
        'POST /api/auth/session/refresh/': () => json(200, { access: fresh, user: promoted }),
        'GET /api/sweets/': () => json(200, { count: 0, next: null, previous: null, results: [] }),
      },
      inSeconds(10),
    );
    await client.request('/api/sweets/');
    expect(calls.map((c) => c.path)).toEqual(['/api/auth/session/refresh/', '/api/sweets/']);
    expect(calls[0]!.body).toBeUndefined(); // the refresh token is the cookie, never in a script's hands
    expect(calls[0]!.headers.Authorization).toBeUndefined();
    expect(calls[1]!.headers.Authorization).toBe(`Bearer ${fresh}`);
    expect(store.load()).toEqual({ access: fresh, user: promoted });
  });

  it('restores the session after a reload from the cookie, or finds none', async () => {
    const fresh = fakeToken(inSeconds(3600), 'fresh');
    let signedIn = true;
    const store = createSessionStore();
    const fake = fakeFetch({
      'POST /api/auth/session/refresh/': () =>
        signedIn ? json(200, { access: fresh, user: ann }) : json(401, { detail: 'No session cookie.' }),
    });
    const client = createApiClient({ baseUrl: '', store, fetch: fake.fetch, now: () => NOW });
    expect(store.state()).toEqual({ session: null, restoring: true });
    await expect(client.restore()).resolves.toEqual({ access: fresh, user: ann });
    expect(store.state()).toEqual({ session: { access: fresh, user: ann }, restoring: false });
    signedIn = false;
    await expect(client.restore()).resolves.toBeNull();
    expect(store.state()).toEqual({ session: null, restoring: false });
  });

  it('refreshes once and retries when the server refuses the access token', async () => {
    const fresh = fakeToken(inSeconds(3600), 'fresh');
    const { client, calls } = setup({
      'POST /api/auth/session/refresh/': () => json(200, { access: fresh, user: ann }),
      'GET /api/auth/me/': (call) =>
        call.headers.Authorization === `Bearer ${fresh}`
          ? json(200, ann)
          : json(401, { detail: 'Given token not valid for any token type', code: 'token_not_valid' }),
    });
    await expect(client.request('/api/auth/me/')).resolves.toEqual(ann);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'GET /api/auth/me/',
      'POST /api/auth/session/refresh/',
      'GET /api/auth/me/',
    ]);
  });

  it('shares one refresh between concurrent requests', async () => {
    const fresh = fakeToken(inSeconds(3600), 'fresh');
    const { client, calls } = setup(
      {
        'POST /api/auth/session/refresh/': async () => {
          await new Promise((r) => setTimeout(r, 5));
          return json(200, { access: fresh, user: ann });
        },
        'GET /api/sweets/': () => json(200, { count: 0, next: null, previous: null, results: [] }),
        'GET /api/metrics/sweets/': () => json(200, []),
      },
      inSeconds(-5),
    );
    await Promise.all([
      client.request('/api/sweets/'),
      client.request('/api/sweets/'),
      client.request('/api/metrics/sweets/'),
    ]);
    expect(calls.filter((c) => c.path === '/api/auth/session/refresh/')).toHaveLength(1);
  });

  it('signs out with a message when the refresh token is refused', async () => {
    const { client, store, expired } = setup(
      {
        'POST /api/auth/session/refresh/': () => json(401, { detail: 'Token is blacklisted', code: 'token_not_valid' }),
      },
      inSeconds(-60),
    );
    const error = await client.request('/api/sweets/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).message).toBe(SESSION_EXPIRED_MESSAGE);
    expect(store.load()).toBeNull();
    expect(expired).toHaveBeenCalledExactlyOnceWith(SESSION_EXPIRED_MESSAGE);
  });

  it('signs out when the retried request is refused again (user deleted)', async () => {
    const { client, store, expired } = setup({
      'POST /api/auth/session/refresh/': () => json(200, { access: fakeToken(inSeconds(3600)), user: ann }),
      'GET /api/sweets/': () => json(401, { detail: 'User not found', code: 'user_not_found' }),
    });
    await expect(client.request('/api/sweets/')).rejects.toThrow('User not found');
    expect(store.load()).toBeNull();
    expect(expired).toHaveBeenCalledWith('User not found');
  });

  it('keeps the session when the refresh fails for a network fault', async () => {
    const { client, store, expired } = setup(
      {
        'POST /api/auth/session/refresh/': () => {
          throw new TypeError('Failed to fetch');
        },
      },
      inSeconds(-60),
    );
    await expect(client.request('/api/sweets/')).rejects.toThrow(NETWORK_MESSAGE);
    expect(store.load()).not.toBeNull();
    expect(expired).not.toHaveBeenCalled();
  });

  it('maps error answers to ApiError with field errors', async () => {
    const { client } = setup({
      'POST /api/sweets/': () => json(400, { price: ['Ensure that there are no more than 2 decimal places.'] }),
      'POST /api/sweets/1/purchase/': () => json(400, { detail: 'Insufficient stock' }),
      'GET /api/sweets/': () =>
        new Response('<html>bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }),
    });
    const e = (await client.request('/api/sweets/', { method: 'POST', body: {} }).catch((x: unknown) => x)) as ApiError;
    expect(e.fieldErrors.price).toEqual(['Use at most 2 decimal places.']);
    await expect(client.request('/api/sweets/1/purchase/', { method: 'POST', body: { amount: 5 } })).rejects.toThrow(
      'Not enough in stock.',
    );
    await expect(client.request('/api/sweets/')).rejects.toThrow('(HTTP 502)');
  });

  it('does not send a token to public routes and needs no session for them', async () => {
    const { client, calls, store } = setup({
      'POST /api/auth/login/': () => json(401, { detail: 'No active account found with the given credentials' }),
    });
    store.save(null);
    await expect(
      client.request('/api/auth/login/', { method: 'POST', body: { username: 'a', password: 'b' }, auth: false }),
    ).rejects.toThrow('Wrong username or password.');
    expect(calls[0]!.headers.Authorization).toBeUndefined();
  });

  it('answers 204 with no body', async () => {
    const { client } = setup({ 'DELETE /api/sweets/4/': () => new Response(null, { status: 204 }) });
    await expect(client.request('/api/sweets/4/', { method: 'DELETE' })).resolves.toBeUndefined();
  });
});

describe('tokenExpiry', () => {
  it('reads exp from a JWT and refuses garbage', () => {
    expect(tokenExpiry(fakeToken(1234))).toBe(1234);
    expect(tokenExpiry('garbage')).toBeNull();
    expect(tokenExpiry('a.!!!.c')).toBeNull();
  });
});

describe('session store', () => {
  it('keeps the session in memory only: nothing in localStorage or sessionStorage', () => {
    const store = createSessionStore({ restoring: false });
    store.save(sessionFor(ann));
    expect(store.load()?.user.username).toBe('ann');
    expect(window.localStorage.length).toBe(0);
    expect(window.sessionStorage.length).toBe(0);
    expect(createSessionStore().load()).toBeNull(); // a reload starts with none (and restores from the cookie)
  });

  it('tells its subscribers of every change', () => {
    const store = createSessionStore();
    const seen: (string | undefined)[] = [];
    store.subscribe(() => seen.push(store.load()?.user.username));
    store.restored(sessionFor(ann));
    store.save(null);
    expect(seen).toEqual(['ann', undefined]);
    expect(store.state().restoring).toBe(false);
  });
});
