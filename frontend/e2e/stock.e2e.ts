// Stock control in the staff's pages: a stocktake (count, review the differences, confirm), the low-stock list with
// its alert and one-click restock, and archive and restore (an archived sweet leaves the customers' catalogue).
import type { Page } from 'playwright-core';
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
  newCustomer,
  openTab,
  screenshot,
  signIn,
  unique,
} from './support';

const browser = browserForFile();

interface StaffSweet {
  id: number;
  name: string;
  quantity: number;
  active: boolean;
}

const sweetNow = async (id: number) => api<StaffSweet>(`/api/sweets/${id}/`, { token: await adminToken() });

const stockRow = (page: Page, name: string) =>
  page.getByTestId('stock-row').filter({ has: page.locator('.row-name', { hasText: new RegExp(`^${name}$`) }) });

test('a stocktake: count two sweets, review the differences, confirm', async () => {
  // Names that sort first, so both are on the stocktake's first page.
  const a = await createSweet({ name: unique('0 Count A '), quantity: 10 });
  const b = await createSweet({ name: unique('0 Count B '), quantity: 4 });
  const tab = await openTab(browser());
  const { page } = tab;
  await signIn(page, 'admin', adminPassword);
  await page.getByRole('link', { name: 'Stocktake' }).click();
  await page.getByRole('heading', { name: 'Stocktake' }).waitFor();
  await expectTitle(page, 'Stocktake · Sweet Shop');

  await page.getByLabel(`Counted ${a.name}`).fill('7');
  await page.getByLabel(`Counted ${b.name}`).fill('4');
  await page.getByText('2 sweets counted').waitFor();
  await page.getByLabel('Note (optional)').fill('e2e count');
  await page.getByRole('button', { name: 'Review differences' }).click();
  await page.getByRole('heading', { name: 'Differences' }).waitFor();
  await page.getByText('1 of 2 differ from the books.').waitFor();
  const rows = await page.getByTestId('difference-row').allTextContents();
  expect(rows).toEqual([`${a.name}107-3`, `${b.name}440`]);
  expect((await sweetNow(a.id)).quantity).toBe(10); // reviewing changes nothing
  await screenshot(page, 'stocktake-review');
  await expectAccessible(page, 'stocktake review');

  await page.getByRole('button', { name: 'Confirm count' }).click();
  await page.getByText('Stock counted: 2 sweets, 1 changed.').waitFor();
  expect((await sweetNow(a.id)).quantity).toBe(7);
  expect((await sweetNow(b.id)).quantity).toBe(4);
  const history = await api<{ results: { reason: string; delta: number; note: string }[] }>(
    `/api/sweets/${a.id}/history/`,
    { token: await adminToken() },
  );
  expect(history.results[0]).toMatchObject({ reason: 'count', delta: -3, note: 'e2e count' });
  await closeTab(tab);
});

test('the low-stock list: an alert opens, one click restocks the suggested amount', async () => {
  const token = await adminToken();
  const sweet = await createSweet({ name: unique('Low Liquorice '), quantity: 9 });
  await api(`/api/sweets/${sweet.id}/`, {
    method: 'PATCH',
    token,
    body: { reorder_level: 5, reorder_quantity: 12 },
  });
  await api(`/api/sweets/${sweet.id}/purchase/`, { method: 'POST', token, body: { amount: 6 } }); // 3 left

  const tab = await openTab(browser());
  const { page } = tab;
  await signIn(page, 'admin', adminPassword);
  await page.getByRole('link', { name: 'Low stock' }).click();
  await page.getByRole('heading', { name: 'Low stock' }).waitFor();
  const row = page.getByTestId('low-row').filter({ hasText: sweet.name });
  await row.waitFor();
  expect(await row.getByTestId('low-quantity').textContent()).toBe('3');
  await page
    .getByTestId('alert')
    .filter({ hasText: `${sweet.name} fell to 3 (reorder at 5)` })
    .waitFor();
  await screenshot(page, 'low-stock');
  await expectAccessible(page, 'low-stock list');

  await row.getByRole('button', { name: `Restock 12 of ${sweet.name}` }).click();
  await row.waitFor({ state: 'detached' }); // 15: above the level
  await page.getByTestId('alert').filter({ hasText: sweet.name }).waitFor({ state: 'detached' }); // closed
  expect((await sweetNow(sweet.id)).quantity).toBe(15);
  await closeTab(tab);
});

test('archive a sweet: customers stop seeing it; restore brings it back', async () => {
  const sweet = await createSweet({ name: unique('Archive Aniseed '), quantity: 5 });
  const tab = await openTab(browser());
  const { page } = tab;
  await signIn(page, 'admin', adminPassword);
  await page.getByRole('link', { name: 'Admin' }).click();
  await page.getByLabel('Find by name').fill(sweet.name);
  await page.getByLabel('Find by name').press('Enter');
  const row = stockRow(page, sweet.name);
  await row.getByRole('button', { name: `More actions for ${sweet.name}` }).click();
  await row.getByRole('button', { name: `Archive ${sweet.name}` }).click();
  await page
    .getByTestId('toast')
    .filter({ hasText: `Archived ${sweet.name}: customers no longer see it.` })
    .waitFor();
  await row.getByText('Archived', { exact: true }).waitFor(); // it keeps its place until the view changes
  expect((await sweetNow(sweet.id)).active).toBe(false);

  // A customer's catalogue no longer has it.
  const customer = await newCustomer();
  const shopper = await openTab(browser());
  await signIn(shopper.page, customer.username, customer.password);
  await shopper.page.getByRole('searchbox', { name: 'Search', exact: true }).fill(sweet.name);
  await shopper.page.getByRole('button', { name: 'Search' }).click();
  await shopper.page
    .getByTestId('result-count')
    .filter({ hasText: /^0 sweets/ })
    .waitFor();

  // Archived: listed there, and restored from there.
  await page.getByRole('button', { name: 'Archived', exact: true }).click();
  await row.getByText('Archived', { exact: true }).waitFor();
  await row.getByRole('button', { name: `More actions for ${sweet.name}` }).click();
  await row.getByRole('button', { name: `Restore ${sweet.name}` }).click();
  await page
    .getByTestId('toast')
    .filter({ hasText: `Restored ${sweet.name}.` })
    .waitFor();
  await row.getByText('Archived', { exact: true }).waitFor({ state: 'detached' });
  expect((await sweetNow(sweet.id)).active).toBe(true);
  await shopper.page.reload();
  await shopper.page
    .getByTestId('result-count')
    .filter({ hasText: /^1 sweet/ })
    .waitFor();
  await closeTab(shopper);
  await closeTab(tab);
});
