import type { ApiClient } from '@/lib/api-client';
import type { RegisteredUser, SessionStart, User } from '@/lib/api/types';

export interface Credentials {
  username: string;
  password: string;
}

export interface RegisterInput extends Credentials {
  email: string;
}

/// Signs in: the access token and the user; the server keeps the refresh token in an HttpOnly cookie.
export function login(client: ApiClient, input: Credentials): Promise<SessionStart> {
  return client.request<SessionStart>('/api/auth/session/', { method: 'POST', body: input, auth: false });
}

/// Ends this browser's session (the cookie's) on the server.
export function logout(client: ApiClient): Promise<void> {
  return client.request<void>('/api/auth/logout/', { method: 'POST', body: {}, auth: false });
}

export function register(client: ApiClient, input: RegisterInput): Promise<RegisteredUser> {
  return client.request<RegisteredUser>('/api/auth/register/', { method: 'POST', body: input, auth: false });
}

/// The signed-in user as stored now (staff rights may have changed since the token was issued).
export function fetchMe(client: ApiClient): Promise<User> {
  return client.request<User>('/api/auth/me/');
}
