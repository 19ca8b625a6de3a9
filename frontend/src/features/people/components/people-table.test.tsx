import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { boss, type Call, json, renderApp, sessionFor } from '@/testing/test-utils';
import type { Person } from '../api/people';
import { PeopleTable } from './people-table';

const person = (id: number, username: string, role: Person['role'], extra: Partial<Person> = {}): Person => ({
  id,
  username,
  email: `${username}@example.com`,
  is_staff: role !== 'customer',
  role,
  must_change_password: false,
  is_active: true,
  date_joined: '2026-11-01T10:00:00Z',
  last_login: null,
  orders: 0,
  ...extra,
});

describe('PeopleTable', () => {
  it('lists people, searches, and changes a role and access', async () => {
    let ann = person(3, 'ann', 'customer', { orders: 4, last_login: '2026-12-01T09:00:00Z' });
    const { calls } = renderApp(<PeopleTable />, {
      session: sessionFor(boss),
      routes: {
        'GET /api/users/': () =>
          json(200, { count: 2, next: null, previous: null, results: [ann, person(1, 'boss', 'owner')] }),
        'PATCH /api/users/3/': (call: Call) => {
          ann = { ...ann, ...(call.body as Partial<Person>) };
          ann.is_staff = ann.role !== 'customer';
          return json(200, ann);
        },
        'PATCH /api/users/1/': () =>
          json(409, {
            detail:
              'The shop needs an active owner: make someone else the owner before demoting or deactivating this one.',
          }),
      },
    });
    const row = await screen.findByRole('row', { name: /ann/ });
    expect(row).toHaveTextContent('4');
    expect(within(screen.getByRole('row', { name: /boss/ })).getByText('Never')).toBeInTheDocument();
    await userEvent.selectOptions(within(row).getByLabelText('Role of ann'), 'staff');
    expect(await screen.findByText('ann is now staff.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ role: 'staff' });
    await waitFor(() =>
      expect(within(screen.getByRole('row', { name: /ann/ })).getByLabelText('Role of ann')).toHaveValue('staff'),
    );

    await userEvent.click(
      within(screen.getByRole('row', { name: /ann/ })).getByRole('button', { name: 'Deactivate ann' }),
    );
    expect(await screen.findByText('ann can no longer sign in.')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Reactivate ann' })).toBeInTheDocument();

    // The last owner: the server's words, shown.
    await userEvent.selectOptions(screen.getByLabelText('Role of boss'), 'staff');
    expect(await screen.findByRole('alert')).toHaveTextContent('The shop needs an active owner');

    await userEvent.type(screen.getByLabelText('Name or email'), 'an');
    await userEvent.selectOptions(screen.getByLabelText('Role'), 'staff');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() =>
      expect(calls.some((c) => c.path.includes('search=an') && c.path.includes('role=staff'))).toBe(true),
    );
  });

  it('resets a password and shows the temporary one once', async () => {
    const sam = person(4, 'sam', 'staff');
    renderApp(<PeopleTable />, {
      session: sessionFor(boss),
      routes: {
        'GET /api/users/': () => json(200, { count: 1, next: null, previous: null, results: [sam] }),
        'POST /api/users/4/password/': () => json(200, { temporary_password: '3f9a-07bc-d2e1' }),
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Reset the password of sam' }));
    expect(await screen.findByTestId('temporary-password')).toHaveTextContent('3f9a-07bc-d2e1');
    expect(screen.getByRole('status')).toHaveTextContent('Temporary password for sam');
  });
});
