// The admin view: create (with the API's validation inline), edit, restock, delete with confirmation, least stock
// first; and the dashboard following a restock.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import {
  expectAccessible,
  adminPassword,
  closeTab,
  browserForFile,
  openTab,
  screenshot,
  signIn,
  unique,
  expectTitle,
} from './support';

const browser = browserForFile();

const row = (page: Page, name: string) =>
  page.getByTestId('stock-row').filter({ has: page.locator('.row-name', { hasText: new RegExp(`^${name}$`) }) });

test('create, edit, restock and delete a sweet', async () => {
  const tab = await openTab(browser());
  const { page } = tab;
  await signIn(page, 'admin', adminPassword);
  await page.getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('heading', { name: 'Stock', exact: true }).waitFor();
  await expectTitle(page, 'Admin · Sweet Shop');

  // Least stock first: the first rows are the sold-out ones.
  await page.getByTestId('row-quantity').first().waitFor();
  const quantities = (await page.getByTestId('row-quantity').allTextContents()).map(Number);
  expect(quantities).toEqual([...quantities].toSorted((a, b) => a - b));
  expect(quantities[0]).toBe(0);
  await screenshot(page, 'admin');
  await expectAccessible(page, 'admin page');

  // The workspace opens on the list; adding is a side panel beside it.
  await page.getByRole('button', { name: 'Add a sweet' }).click();
  const panel = page.getByRole('dialog', { name: 'Add a sweet' });
  const side = (await panel.boundingBox())!;
  expect(Math.round(side.x + side.width)).toBe(1280); // along the right edge
  expect(side.height).toBe(900);
  const form = panel.getByRole('form', { name: 'Add a sweet' });
  const name = unique('Mint Humbug ');
  await form.getByLabel('Name').fill('Caramel Fudge'); // a demo sweet: the name is taken
  await form.getByLabel('Category').fill('Mints');
  // The API's rules are checked as you type, in the shop's words, and nothing is sent while one is broken.
  await form.getByLabel('Price').fill('3.555');
  await form.getByText('Use at most 2 decimal places.').waitFor();
  await form.getByLabel('Quantity in stock').fill('-1');
  await form.getByText('Enter 0 or more.').waitFor();
  await form.getByRole('button', { name: 'Add sweet' }).click();
  expect(await form.getByText('A sweet with this name already exists.').count()).toBe(0);
  expect(await form.getByLabel('Price').getAttribute('aria-invalid')).toBe('true');
  await form.getByLabel('Price').fill('0.75');
  await form.getByLabel('Quantity in stock').fill('2');
  await form.getByRole('button', { name: 'Add sweet' }).click();
  await form.getByText('A sweet with this name already exists.').waitFor(); // the API's own check, in words

  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Price').fill('0.75');
  await form.getByLabel('Quantity in stock').fill('2');
  await form.getByLabel('Reorder level').fill('5');
  await form.getByLabel('Description').fill('Striped and strong.');
  await form.getByRole('button', { name: 'Add sweet' }).click();
  await page
    .getByTestId('toast')
    .filter({ hasText: `Added ${name}.` })
    .waitFor();
  await panel.waitFor({ state: 'detached' });
  // Find it in the stock table (its place in "least first" moves as its stock changes).
  await page.getByLabel('Find by name').fill(name);
  await page.getByRole('button', { name: 'Find' }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=stock-row]').length === 1);
  const r = row(page, name);
  await r.waitFor();
  expect(await r.getByTestId('row-quantity').textContent()).toBe('2');
  await r.getByText('Low').waitFor();

  // Edit in a dialog; a bad price is explained there and nothing changes.
  await r.getByRole('button', { name: `Edit ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Edit ${name}` });
  await dialog.getByLabel('Price').fill('abc');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await dialog.getByText('Enter a number, such as 3.50.').waitFor();
  await expectAccessible(page, 'edit dialog with a field error');
  await dialog.getByLabel('Price').fill('0.80');
  await dialog.getByLabel('Category').fill('Mints & more');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page
    .getByTestId('toast')
    .filter({ hasText: `Saved ${name}.` })
    .waitFor();
  await r.getByText('$0.80').waitFor();
  await r.getByText('Mints & more').waitFor();

  // Restock: a refused amount in words, then 10 more.
  const units = r.getByLabel(`Units to add to ${name}`);
  await units.fill('0');
  await r.getByRole('button', { name: 'Restock' }).click();
  await r.getByText('Enter 1 or more.').waitFor();
  await units.fill('10');
  await units.press('Enter');
  await r.getByTestId('row-quantity').filter({ hasText: /^12$/ }).waitFor();
  await page
    .getByTestId('toast')
    .filter({ hasText: `Restocked ${name}: 10 added, 12 in stock.` })
    .waitFor();

  // The dashboard counts the restocked units.
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await page.waitForFunction(
    () => document.querySelector('tr[data-category="Mints & more"] [data-testid=total-quantity]')?.textContent === '12',
  );
  await page.getByRole('link', { name: 'Admin' }).click();
  await page.getByLabel('Find by name').fill(name);
  await page.getByLabel('Find by name').press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=stock-row]').length === 1);

  // Delete: "Keep it" keeps it, Delete removes it.
  const again = row(page, name);
  // Delete is in the row's menu, behind a confirmation.
  expect(await again.getByRole('button', { name: `Delete ${name}` }).count()).toBe(0);
  await again.getByRole('button', { name: `More actions for ${name}` }).click();
  await again.getByRole('button', { name: `Delete ${name}` }).click();
  const confirm = page.getByRole('dialog', { name: `Delete ${name}?` });
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await confirm.waitFor({ state: 'detached' });
  expect(await again.count()).toBe(1);
  await again.getByRole('button', { name: `More actions for ${name}` }).click();
  await again.getByRole('button', { name: `Delete ${name}` }).click();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await again.waitFor({ state: 'detached' });
  await page
    .getByTestId('toast')
    .filter({ hasText: `Deleted ${name}.` })
    .waitFor();
  await page.getByLabel('Find by name').press('Enter'); // the view again, from the server
  await page.getByText(`No sweet named like "${name}".`).waitFor();
  await closeTab(tab);
});
