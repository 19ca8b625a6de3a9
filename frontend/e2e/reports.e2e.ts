// The staff dashboard: today's figures after real orders and a refund, a date range and a grouping for the revenue
// over time, the best sellers, and a CSV download read back from disk (its formula-like name neutralised).
import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import {
  adminPassword,
  adminToken,
  api,
  browserForFile,
  closeTab,
  createSweet,
  expectAccessible,
  expectTitle,
  login,
  newCustomer,
  openTab,
  screenshot,
  signIn,
  unique,
} from './support';

const browser = browserForFile();

test('the dashboard shows a date range by day or week, the best sellers, and downloads its CSV', async () => {
  // A name a spreadsheet would read as a formula; many units, so that it leads today's best sellers.
  const name = unique('=Report Drops ');
  const sweet = await createSweet({ name, quantity: 5000, price: '0.50' });
  const customer = await newCustomer();
  const token = (await login(customer.username, customer.password)).access;
  const order = await api<{ number: number }>('/api/orders/', {
    method: 'POST',
    token,
    body: { lines: [{ sweet: sweet.id, amount: 4000 }] },
  });
  await api(`/api/orders/${order.number}/refund/`, {
    method: 'POST',
    token: await adminToken(),
    body: { lines: [{ sweet: sweet.id, amount: 10 }], restock: true, reason: 'e2e' },
  });

  const tab = await openTab(browser());
  const { page } = tab;
  await signIn(page, 'admin', adminPassword);
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expectTitle(page, 'Dashboard · Sweet Shop');

  // Today: at least this order's 3,990 net units and $1,995.00 of net revenue.
  await page.getByRole('radio', { name: 'Today' }).check();
  const units = Number((await page.getByTestId('summary-units').textContent())!.replace(/,/g, ''));
  expect(units).toBeGreaterThanOrEqual(3990);
  const best = page.getByTestId('best-sellers');
  await best.getByRole('row', { name: new RegExp(name) }).waitFor();
  await screenshot(page, 'dashboard');
  await expectAccessible(page, 'dashboard');

  // A week long before the shop opened: seven empty days, in the table and the chart.
  await page.getByLabel('From', { exact: true }).fill('2020-01-06');
  await page.getByLabel('To', { exact: true }).fill('2020-01-12');
  await page.getByText('7 days, 2020-01-06 to 2020-01-12').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=sales-table] tbody tr').length === 7);
  expect(await page.getByTestId('sales-totals').getByTestId('net-revenue').textContent()).toBe('$0.00');
  await page.getByText('Nothing sold in this period.').waitFor();
  expect(await page.getByTestId('revenue-chart').getAttribute('aria-label')).toContain('over 7 days');
  // The same days by week: Monday 6 January is one week.
  await page.getByLabel('Group by').selectOption('week');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=sales-table] tbody tr').length === 1);
  await page.locator('[data-testid=sales-table] tr[data-period="2020-01-06"]').waitFor();

  // A "to" before "from" is explained, and the table keeps the last good range.
  await page.getByLabel('To', { exact: true }).fill('2020-01-01');
  await page.getByText('Choose a day on or after the first.').waitFor();

  // Back to today (the To field's max), by day: the CSV of its order lines holds the sale.
  const today = await page.getByLabel('To', { exact: true }).getAttribute('max');
  await page.getByLabel('To', { exact: true }).fill(today!);
  await page.getByLabel('From', { exact: true }).fill(today!);
  await page.getByLabel('Group by').selectOption('day');
  await page.getByText(`1 day, ${today} to ${today}`).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Order lines' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`order-lines-${today}-to-${today}.csv`);
  const csv = await readFile((await download.path())!, 'utf8');
  const line = csv.split('\r\n').find((l) => l.includes(String(order.number)));
  expect(line).toBeDefined();
  expect(line).toContain(`'${name}`); // neutralised: a quote before the "="
  expect(line).toContain('4000');
  await page.getByText(`Saved order-lines-${today}-to-${today}.csv.`).waitFor();
  await closeTab(tab);
});
