// A 360-pixel phone: nothing wider than the screen, everything reachable; and the keyboard alone is enough.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import {
  adminPassword,
  expectAccessible,
  closeTab,
  createSweet,
  browserForFile,
  newCustomer,
  openMenu,
  openTab,
  screenshot,
  signIn,
  unique,
} from './support';

const browser = browserForFile();

async function expectNoHorizontalScroll(page: Page) {
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
}

test('a 360-pixel phone can sign in, search, buy, see the dashboard and manage stock', async () => {
  const name = unique('Pocket Toffee ');
  await createSweet({ name, quantity: 4 });
  const customer = await newCustomer();
  const tab = await openTab(browser(), { width: 360, height: 740 });
  const { page } = tab;
  await page.goto('/login');
  await expectNoHorizontalScroll(page);
  await signIn(page, customer.username, customer.password);
  await page.getByTestId('sweet-card').first().waitFor();
  await expectNoHorizontalScroll(page);
  await screenshot(page, 'catalogue-phone');
  await expectAccessible(page, 'catalogue on a phone');

  // Only the name until "More filters" opens the rest.
  expect(await page.getByLabel('Category').isVisible()).toBe(false);
  await page.getByRole('button', { name: 'More filters' }).click();
  await page.getByLabel('Category').waitFor();
  expect(await page.getByRole('button', { name: 'Fewer filters' }).getAttribute('aria-expanded')).toBe('true');
  await page.getByLabel('Category').fill('E2E');
  await page.getByRole('searchbox', { name: 'Search', exact: true }).fill(name);
  await page.getByRole('button', { name: 'Search' }).click();
  const card = page.getByTestId('sweet-card').filter({ hasText: name });
  await card.getByRole('button', { name: 'Purchase' }).click();
  await card.getByText('Only 3 left').waitFor();
  await expectNoHorizontalScroll(page);

  await openMenu(page);
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, 'admin', adminPassword);
  await openMenu(page);
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await page.getByTestId('summary-revenue').waitFor();
  await page.getByTestId('total-units').waitFor();
  await expectNoHorizontalScroll(page);
  await screenshot(page, 'dashboard-phone');
  await openMenu(page);
  await page.getByRole('link', { name: 'Admin' }).click();
  await page.getByTestId('stock-row').first().waitFor();
  await expectNoHorizontalScroll(page);
  await closeTab(tab);
});

test('the keyboard alone signs in and buys', async () => {
  const name = unique('Keyboard Kisses ');
  await createSweet({ name, quantity: 2 });
  const customer = await newCustomer();
  const tab = await openTab(browser());
  const { page } = tab;
  await page.goto('/login');
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  // The first Tab reaches the skip link, which skips the shop's links to the form's fields, in order.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('username');
  await page.keyboard.type(customer.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(customer.password);
  await page.keyboard.press('Enter');
  await page.getByTestId('signed-in-user').waitFor();

  // Search by typing into the name field and pressing Enter, then Tab past "Add to basket" to "Purchase".
  await page.getByRole('searchbox', { name: 'Search', exact: true }).focus();
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  const card = page.getByTestId('sweet-card').filter({ hasText: name });
  await card.getByText('Only 2 left').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=sweet-card]').length === 1);
  await card.getByLabel(`Quantity of ${name}`).focus();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Add to basket');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Purchase');
  await page.keyboard.press('Enter');
  await card.getByText('Only 1 left').waitFor();
  // Every input on the page has a label.
  const unlabelled = await page.evaluate(
    () =>
      Array.from(document.querySelectorAll('input, select, textarea')).filter(
        (el) => !(el as HTMLInputElement).labels?.length && !el.getAttribute('aria-label'),
      ).length,
  );
  expect(unlabelled).toBe(0);
  await closeTab(tab);
});
