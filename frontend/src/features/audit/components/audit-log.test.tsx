import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '@/lib/api/types';
import { boss, type Call, json, renderApp, sessionFor } from '@/testing/test-utils';
import { describeDetails } from '../api/audit';
import { AuditLog } from './audit-log';

const entry = (id: number, action: string, details: Record<string, unknown>, extra: Partial<AuditEntry> = {}) =>
  ({
    id,
    at: '2026-12-01T10:00:00Z',
    actor: 'sam',
    action,
    subject_type: 'sweet',
    subject_id: 1,
    subject: 'Mint',
    details,
    ...extra,
  }) as AuditEntry;

describe('describeDetails', () => {
  it('says what changed and the facts in a line', () => {
    expect(
      describeDetails(
        entry(1, 'sweet.edit', { price: { before: '1.00', after: '1.20' }, cost: { before: null, after: '0.40' } }),
      ),
    ).toBe('price 1.00 → 1.20, cost none → 0.40');
    expect(
      describeDetails(entry(2, 'stock.adjust', { delta: -2, quantity_after: 8, reason: 'damaged', note: '' })),
    ).toBe('delta -2, quantity after 8, reason damaged');
    expect(describeDetails(entry(3, 'stock.count', { note: 'Monday', lines: [{}, {}] }))).toBe('note Monday, 2 lines');
  });
});

describe('AuditLog', () => {
  it('shows the entries in words, filters them, pages to older ones and downloads the CSV', async () => {
    URL.createObjectURL = vi.fn<(blob: Blob) => string>(() => 'blob:audit');
    URL.revokeObjectURL = vi.fn<(url: string) => void>();
    const { calls } = renderApp(<AuditLog />, {
      session: sessionFor(boss),
      routes: {
        'GET /api/audit/': (call: Call) => {
          if (call.path.includes('format=csv'))
            return new Response('"id"\r\n', { status: 200, headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
          if (call.path.includes('before=5'))
            return json(200, { next: null, results: [entry(4, 'stock.restock', { amount: 5, quantity_after: 9 })] });
          return json(200, {
            next: 'http://shop.test/api/audit/?page_size=50&before=5',
            results: [
              entry(6, 'sweet.edit', { price: { before: '1.00', after: '1.20' } }),
              entry(5, 'order.refund', { amount: '2.00' }, { subject_type: 'order', subject_id: 10001, subject: '' }),
            ],
          });
        },
      },
    });
    const rows = await screen.findAllByTestId('audit-row');
    expect(rows[0]).toHaveTextContent('Edited a sweet');
    expect(rows[0]).toHaveTextContent('price 1.00 → 1.20');
    expect(rows[1]).toHaveTextContent('Order 10001');
    expect(screen.getByRole('button', { name: 'Newer' })).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Older' }));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(1));
    expect(screen.getByTestId('audit-row')).toHaveTextContent('Restocked');
    expect(screen.getByRole('button', { name: 'Older' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Newer' }));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(2));

    await userEvent.selectOptions(screen.getByLabelText('What'), 'stock.');
    await userEvent.type(screen.getByLabelText('Who (username)'), ' sam ');
    await userEvent.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() =>
      expect(calls.some((c) => c.path.includes('actor=sam') && c.path.includes('action=stock.'))).toBe(true),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(await screen.findByText('Saved audit.csv.')).toBeInTheDocument();
    const download = calls.find((c) => c.path.includes('format=csv'))!;
    expect(download.path).toBe('/api/audit/?actor=sam&action=stock.&format=csv');
    expect(download.headers.Accept).toContain('text/csv');
  });
});
