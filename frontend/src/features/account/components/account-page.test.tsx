import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { RequireAuth } from '@/app/require-auth';
import { ann, type Call, json, renderApp, sessionFor } from '@/testing/test-utils';
import { describeDevice } from '../device';
import { AccountPage } from './account-page';

const FIREFOX = 'Mozilla/5.0 (Android 14; Mobile; rv:130.0) Gecko/130.0 Firefox/130.0';
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

const session = (id: number, device: string, current: boolean) => ({
  id,
  device,
  kind: 'web' as const,
  created: '2026-12-01T09:00:00Z',
  last_used: '2026-12-01T10:00:00Z',
  expires: '2026-12-08T10:00:00Z',
  current,
});

describe('describeDevice', () => {
  it('names the browser and the system, or the program', () => {
    expect(describeDevice(FIREFOX)).toBe('Firefox on Android');
    expect(describeDevice(CHROME)).toBe('Chrome on Linux');
    expect(describeDevice('curl/8.5.0')).toBe('curl');
    expect(describeDevice('')).toBe('Unknown device');
  });
});

describe('AccountPage', () => {
  it('changes the password with the API field errors, then lists one session', async () => {
    let sessions = [session(7, FIREFOX, false), session(5, CHROME, true)];
    const { calls } = renderApp(<AccountPage />, {
      session: sessionFor(ann),
      routes: {
        'GET /api/auth/sessions/': () => json(200, { count: sessions.length, results: sessions }),
        'POST /api/auth/password/': (call: Call) => {
          const body = call.body as { current_password: string };
          if (body.current_password !== 'old-password')
            return json(400, { current_password: ['Your current password is incorrect.'] });
          sessions = sessions.filter((s) => s.current);
          return json(200, ann);
        },
      },
    });
    const list = await screen.findAllByTestId('session');
    expect(list).toHaveLength(2);
    expect(list[0]).toHaveTextContent('Firefox on Android');
    expect(within(list[1]!).getByText('This device')).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('Current password'), 'guess');
    await userEvent.type(screen.getByLabelText('New password'), 'new-password');
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Your current password is incorrect.')).toBeInTheDocument();
    expect(screen.getByLabelText('Current password')).toHaveAttribute('aria-invalid', 'true');

    await userEvent.clear(screen.getByLabelText('Current password'));
    await userEvent.type(screen.getByLabelText('Current password'), 'old-password');
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Password changed. You were signed out everywhere else.')).toBeInTheDocument();
    expect(calls.filter((c) => c.path === '/api/auth/password/').at(-1)!.body).toEqual({
      current_password: 'old-password',
      new_password: 'new-password',
    });
    await waitFor(() => expect(screen.getAllByTestId('session')).toHaveLength(1));
    expect(screen.getByLabelText('Current password')).toHaveValue('');
  });

  it('signs out another session, or all of them', async () => {
    let sessions = [session(9, CHROME, false), session(8, FIREFOX, false), session(5, CHROME, true)];
    const { calls } = renderApp(<AccountPage />, {
      session: sessionFor(ann),
      routes: {
        'GET /api/auth/sessions/': () => json(200, { count: sessions.length, results: sessions }),
        'DELETE /api/auth/sessions/9/': () => {
          sessions = sessions.filter((s) => s.id !== 9);
          return new Response(null, { status: 204 });
        },
        'POST /api/auth/sessions/end-others/': () => {
          sessions = sessions.filter((s) => s.current);
          return json(200, { ended: 1 });
        },
      },
    });
    await screen.findAllByTestId('session');
    await userEvent.click(screen.getAllByRole('button', { name: /^Sign out Chrome on Linux/ })[0]!);
    await waitFor(() => expect(screen.getAllByTestId('session')).toHaveLength(2));
    await userEvent.click(screen.getByRole('button', { name: 'Sign out everywhere else' }));
    await waitFor(() => expect(screen.getAllByTestId('session')).toHaveLength(1));
    expect(calls.map((c) => `${c.method} ${c.path}`)).toContain('POST /api/auth/sessions/end-others/');
    expect(screen.queryByRole('button', { name: 'Sign out everywhere else' })).not.toBeInTheDocument();
  });

  it('changes the email with the server’s answer', async () => {
    renderApp(<AccountPage />, {
      session: sessionFor(ann),
      routes: {
        'GET /api/auth/sessions/': () => json(200, { count: 0, results: [] }),
        'PATCH /api/auth/me/': (call: Call) => {
          const { email } = call.body as { email: string };
          return email.includes('@')
            ? json(200, { ...ann, email: email.replace('EXAMPLE.COM', 'example.com') })
            : json(400, { email: ['Enter a valid email address.'] });
        },
      },
    });
    const field = screen.getByLabelText('Email address');
    await userEvent.clear(field);
    await userEvent.type(field, 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Save email' }));
    expect(await screen.findByText('Enter an email address, such as ann@example.com.')).toBeInTheDocument();
    await userEvent.clear(field);
    await userEvent.type(field, 'ann@EXAMPLE.COM');
    await userEvent.click(screen.getByRole('button', { name: 'Save email' }));
    expect(await screen.findByText('Email saved.')).toBeInTheDocument();
    expect(field).toHaveValue('ann@example.com');
  });

  it('sends someone with a temporary password to this page first', async () => {
    const { router } = renderApp(
      <RequireAuth>
        <p>Orders page</p>
      </RequireAuth>,
      { session: sessionFor({ ...ann, must_change_password: true }), path: '/orders' },
    );
    // Every page but the account's leads there (the test's router shows this same element at /account).
    await waitFor(() => expect(router.state.location.pathname).toBe('/account'));
  });
});
