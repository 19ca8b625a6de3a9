import type { ApiClient } from '@/lib/api-client';
import type { LoginResult, RegisteredUser, User } from '@/lib/api/types';

export interface Credentials {
  username: string;
  password: string;
}

export interface RegisterInput extends Credentials {
  email: string;
}

export function login(client: ApiClient, input: Credentials): Promise<LoginResult> {
  return client.request<LoginResult>('/api/auth/login/', { method: 'POST', body: input, auth: false });
}

export function register(client: ApiClient, input: RegisterInput): Promise<RegisteredUser> {
  return client.request<RegisteredUser>('/api/auth/register/', { method: 'POST', body: input, auth: false });
}

/// The signed-in user as stored now (staff rights may have changed since the token was issued).
export function fetchMe(client: ApiClient): Promise<User> {
  return client.request<User>('/api/auth/me/');
}
