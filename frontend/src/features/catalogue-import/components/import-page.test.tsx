import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { boss, type Call, json, renderApp, sessionFor } from '@/testing/test-utils';
import { ImportPage } from './import-page';

const plan = (refused: boolean, applied = false) => ({
  applied,
  delimiter: ',',
  rows: 2,
  create: refused ? 1 : 2,
  update: 0,
  unchanged: 0,
  refused: refused ? 1 : 0,
  lines: [
    { row: 2, action: 'create', name: 'Mint', sweet: null, changes: ['name', 'category', 'price'], errors: {} },
    refused
      ? {
          row: 3,
          action: 'refused',
          name: 'Lolly',
          sweet: null,
          changes: [],
          errors: { price: ['A valid number is required.'] },
        }
      : { row: 3, action: 'create', name: 'Lolly', sweet: null, changes: ['name', 'category', 'price'], errors: {} },
  ],
});

describe('ImportPage', () => {
  it('shows the dry run row by row, applies only a file without refused rows', async () => {
    const calls: Call[] = [];
    let fixed = false;
    renderApp(<ImportPage />, {
      session: sessionFor(boss),
      routes: {
        'POST /api/sweets/import/': (call) => {
          calls.push(call);
          if (call.path.includes('apply=true')) return json(200, plan(false, true));
          return json(200, plan(!fixed));
        },
      },
    });
    const file = new File(['name,category,price\nMint,Mints,1\nLolly,Mints,x\n'], 'catalogue.csv', {
      type: 'text/csv',
    });
    await userEvent.upload(screen.getByLabelText('CSV file'), file);
    await userEvent.click(screen.getByRole('button', { name: 'Check the file' }));
    const table = await screen.findByRole('table', { name: 'What the import does, row by row' });
    const refused = within(table).getByRole('row', { name: /Lolly/ });
    expect(refused).toHaveTextContent('Refused');
    expect(refused).toHaveTextContent('price: A valid number is required.');
    expect(screen.getByRole('button', { name: 'Apply the import' })).toBeDisabled();
    expect(calls[0]!.path).toBe('/api/sweets/import/');
    expect(calls[0]!.headers['Content-Type']).toBe('text/csv');

    fixed = true;
    await userEvent.click(screen.getByRole('button', { name: 'Check the file' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Apply the import' })).toBeEnabled());
    await userEvent.click(screen.getByRole('button', { name: 'Apply the import' }));
    expect(await screen.findByText('Imported: 2 new, 0 updated, 0 unchanged.')).toBeInTheDocument();
    expect(calls.at(-1)!.path).toBe('/api/sweets/import/?apply=true');
  });

  it('says why a file cannot be read', async () => {
    renderApp(<ImportPage />, {
      session: sessionFor(boss),
      routes: {
        'POST /api/sweets/import/': () => json(400, { csv: ['The file has no “name” column.'] }),
      },
    });
    await userEvent.upload(screen.getByLabelText('CSV file'), new File(['x\n1\n'], 'a.csv', { type: 'text/csv' }));
    await userEvent.click(screen.getByRole('button', { name: 'Check the file' }));
    expect(await screen.findByText('The file has no “name” column.')).toBeInTheDocument();
  });
});
