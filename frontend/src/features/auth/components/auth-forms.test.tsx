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
    expect(await screen.findByText('This field may not be blank.')).toBeInTheDocument();
    expect(username).toHaveAttribute('aria-invalid', 'true');
    expect(username).toHaveAccessibleDescription('This field may not be blank.');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('This field is required.');
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
    expect(await screen.findByRole('alert')).toHaveTextContent('No active account found with the given credentials');
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
    'Too many failed login attempts. Try again later. (in about 10 minutes)',
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
    expect(await screen.findByText('A user with that username already exists.')).toBeInTheDocument();
    expect(screen.getByLabelText('Email (optional)')).toHaveAccessibleDescription('Enter a valid email address.');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
      'Ensure this field has at least 8 characters.',
    );
    expect(onRegistered).not.toHaveBeenCalled();
  });

  it('reports the new account', async () => {
    const onRegistered = vi.fn<(username: string) => void>();
    const { calls } = renderApp(<RegisterForm onRegistered={onRegistered} />, {
      routes: { 'POST /api/auth/register/': () => json(201, { id: 9, username: 'bea', email: '' }) },
    });
    await userEvent.type(screen.getByLabelText('Username'), 'bea');
    await userEvent.type(screen.getByLabelText('Password'), 'long-enough-pw');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(onRegistered).toHaveBeenCalledWith('bea'));
    expect(calls[0]!.body).toEqual({ username: 'bea', email: '', password: 'long-enough-pw' });
  });
});
