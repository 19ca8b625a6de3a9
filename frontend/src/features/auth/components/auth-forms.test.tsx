import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ann, fakeToken, json, renderApp } from '@/testing/test-utils';
import { LoginForm } from './login-form';
import { RegisterForm } from './register-form';

describe('LoginForm', () => {
  it('signs in and keeps the session in memory only', async () => {
    const onSignedIn = vi.fn<() => void>();
    const access = fakeToken(Math.floor(Date.now() / 1000) + 3600);
    const { store, calls } = renderApp(<LoginForm onSignedIn={onSignedIn} />, {
      routes: { 'POST /api/auth/session/': () => json(200, { access, user: ann }) },
    });
    await userEvent.type(screen.getByLabelText('Username'), '  ann');
    await userEvent.type(screen.getByLabelText('Password'), 'secret-pass{Enter}');
    await waitFor(() => expect(onSignedIn).toHaveBeenCalled());
    expect(calls[0]!.body).toEqual({ username: '  ann', password: 'secret-pass' });
    expect(store.load()).toEqual({ access, user: ann });
    expect(window.localStorage.length).toBe(0);
  });

  it('shows the API field errors next to their fields', async () => {
    renderApp(<LoginForm onSignedIn={() => {}} />, {
      routes: {
        'POST /api/auth/session/': () =>
          json(400, { username: ['This field may not be blank.'], password: ['This field is required.'] }),
      },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const username = screen.getByLabelText('Username');
    expect((await screen.findAllByText('Fill this in.')).length).toBe(2); // username and password
    expect(username).toHaveAttribute('aria-invalid', 'true');
    expect(username).toHaveAccessibleDescription('Fill this in.');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Fill this in.');
  });

  it('says why a login failed', async () => {
    renderApp(<LoginForm onSignedIn={() => {}} />, {
      routes: {
        'POST /api/auth/session/': () => json(401, { detail: 'No active account found with the given credentials' }),
      },
    });
    await userEvent.type(screen.getByLabelText('Username'), 'ann');
    await userEvent.type(screen.getByLabelText('Password'), 'wrong-password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password.');
  });
});

it('says when a throttled login may try again', async () => {
  renderApp(<LoginForm onSignedIn={() => {}} />, {
    routes: {
      'POST /api/auth/session/': () =>
        json(429, { detail: 'Too many failed login attempts. Try again later.' }, { 'Retry-After': '600' }),
    },
  });
  await userEvent.type(screen.getByLabelText('Username'), 'ann');
  await userEvent.type(screen.getByLabelText('Password'), 'whatever-pw{Enter}');
  expect(await screen.findByRole('alert')).toHaveTextContent(
    'Too many wrong passwords. Try again later. (in about 10 minutes)',
  );
});

describe('RegisterForm', () => {
  it('shows every field error at once', async () => {
    const onRegistered = vi.fn<(username: string) => void>();
    renderApp(<RegisterForm onRegistered={onRegistered} />, {
      routes: {
        'POST /api/auth/register/': () =>
          json(400, {
            username: ['A user with that username already exists.'],
            email: ['Enter a valid email address.'],
            password: ['Ensure this field has at least 8 characters.'],
          }),
      },
    });
    await userEvent.type(screen.getByLabelText('Username'), 'ann');
    await userEvent.type(screen.getByLabelText('Email (optional)'), 'nope');
    await userEvent.type(screen.getByLabelText('Password'), 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('That username is taken. Choose another.')).toBeInTheDocument();
    expect(screen.getByLabelText('Email (optional)')).toHaveAccessibleDescription(
      'Enter an email address, such as ann@example.com.',
    );
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Use at least 8 characters.');
    expect(onRegistered).not.toHaveBeenCalled();
  });

  it('creates the account and signs in with it', async () => {
    const onRegistered = vi.fn<(username: string, signedIn: boolean) => void>();
    const bea = { id: 9, username: 'bea', email: '', is_staff: false };
    const { calls, store } = renderApp(<RegisterForm onRegistered={onRegistered} />, {
      routes: {
        'POST /api/auth/register/': () => json(201, { id: 9, username: 'bea', email: '' }),
        'POST /api/auth/session/': () => json(200, { access: 'a.b.c', user: bea }),
      },
    });
    await userEvent.type(screen.getByLabelText('Username'), 'bea');
    await userEvent.type(screen.getByLabelText('Password'), 'long-enough-pw');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(onRegistered).toHaveBeenCalledWith('bea', true));
    expect(calls[0]!.body).toEqual({ username: 'bea', email: '', password: 'long-enough-pw' });
    expect(calls[1]!.path).toBe('/api/auth/session/');
    expect(calls[1]!.body).toEqual({ username: 'bea', password: 'long-enough-pw' });
    expect(store.load()?.user.username).toBe('bea');
  });

  it('leaves the sign-in to the login page when it fails after the account is made', async () => {
    const onRegistered = vi.fn<(username: string, signedIn: boolean) => void>();
    const { store } = renderApp(<RegisterForm onRegistered={onRegistered} />, {
      routes: {
        'POST /api/auth/register/': () => json(201, { id: 9, username: 'bea', email: '' }),
        'POST /api/auth/session/': () => json(429, { detail: 'Too many failed login attempts. Try again later.' }),
      },
    });
    await userEvent.type(screen.getByLabelText('Username'), 'bea');
    await userEvent.type(screen.getByLabelText('Password'), 'long-enough-pw');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(onRegistered).toHaveBeenCalledWith('bea', false));
    expect(store.load()).toBeNull();
  });
});
