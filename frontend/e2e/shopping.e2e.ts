// Search, sort, page through the whole catalogue, buy until zero, and see the dashboard's numbers follow.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import {
  adminPassword,
  api,
  expectAccessible,
  closeTab,
  createSweet,
  browserForFile,
  login,
  newCustomer,
  openTab,
  screenshot,
  signIn,
  type Sweet,
  unique,
  expectTitle,
} from './support';

const browser = browserForFile();

const card = (page: Page, name: string) =>
  page.getByTestId('sweet-card').filter({ has: page.getByRole('heading', { name, exact: true }) });

async function names(page: Page): Promise<string[]> {
  return page.getByTestId('sweet-card').locator('h2').allTextContents();
}

async function waitForCount(page: Page, text: string) {
  await page
    .getByTestId('result-count')
    .filter({ hasText: new RegExp(`^${text}`) })
    .waitFor();
}

test('search by name, category and price range; sort; page through every page', async () => {
  const customer = await newCustomer();
  const tab = await openTab(browser());
  const { page } = tab;
  await signIn(page, customer.username, customer.password);
  const { token } = { token: (await login(customer.username, customer.password)).access };
  const all = await api<{ count: number }>('/api/sweets/', { token });

  await waitForCount(page, `${all.count} sweets`);
  expect(await page.getByRole('button', { name: 'More filters' }).isVisible()).toBe(false); // phones only
  await screenshot(page, 'catalogue');
  await expectAccessible(page, 'catalogue');

  // Every page, in order: all the sweets exactly once.
  const seen: string[] = [];
  for (;;) {
    const onPage = await names(page);
    seen.push(...onPage);
    const next = page.getByRole('button', { name: 'Next' });
    if (await next.isDisabled()) break;
    await next.click();
    await page.getByText(`Page ${Math.ceil(seen.length / 12) + 1} of`).waitFor();
    await page.waitForFunction(
      (first) => document.querySelector('[data-testid=sweet-card] h2')?.textContent !== first,
      onPage[0],
    );
  }
  expect(seen).toHaveLength(all.count);
  expect(new Set(seen).size).toBe(all.count);
  expect(seen).toEqual([...seen].toSorted((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1)));

  // Search: name (case-insensitive substring), then category, then a price range.
  await page.goto('/');
  await page.getByLabel('Name contains').fill('FUDGE');
  await page.getByRole('button', { name: 'Search' }).click();
  const fudge = await api<{ count: number; results: Sweet[] }>('/api/sweets/?name=fudge&page_size=100', { token });
  await waitForCount(page, `${fudge.count} sweet`);
  expect(await names(page)).toEqual(fudge.results.map((s) => s.name));
  expect(page.url()).toContain('name=FUDGE');

  await page.getByRole('button', { name: 'Reset' }).click();
  await page.getByLabel('Category').fill('toffee');
  await page.getByLabel('Min price').fill('1');
  await page.getByLabel('Max price').fill('3');
  await page.getByLabel('Category').press('Enter');
  const ranged = await api<{ count: number; results: Sweet[] }>(
    '/api/sweets/?category=toffee&min_price=1&max_price=3&page_size=100',
    { token },
  );
  await waitForCount(page, `${ranged.count} sweet`);
  for (const s of ranged.results) await card(page, s.name).waitFor();

  // Sort by price, highest first.
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.getByLabel('Sort by').selectOption('-price');
  const byPrice = await api<{ results: Sweet[] }>('/api/sweets/?ordering=-price&page_size=12', { token });
  await page.waitForFunction(
    (first) => document.querySelector('[data-testid=sweet-card] h2')?.textContent === first,
    byPrice.results[0]!.name,
  );
  expect(await names(page)).toEqual(byPrice.results.map((s) => s.name));

  // A bad price filter is explained next to its field; nothing found is said in words.
  await page.getByLabel('Min price').fill('cheap');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByText('Enter a number, such as 3.50.').waitFor();
  await page.getByLabel('Min price').fill('');
  await page.getByRole('searchbox', { name: 'Search', exact: true }).fill(unique('nothing-'));
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByText('No sweets match your search.').waitFor();
  await closeTab(tab);
});

test('buy until zero: the new stock shows at once, the button is disabled, the staff dashboard follows', async () => {
  const name = unique('Last Lolly ');
  const category = unique('Lollies ');
  await createSweet({ name, category, quantity: 3, price: '1.25' });
  const customer = await newCustomer();
  const tab = await openTab(browser());
  const { page } = tab;
  await signIn(page, customer.username, customer.password);

  // Customers see no shop-wide figures: no dashboard in their menu, and its address is for staff.
  await page.getByRole('link', { name: 'My orders' }).waitFor();
  expect(await page.getByRole('link', { name: 'Dashboard' }).count()).toBe(0);
  await page.goto('/dashboard');
  await page.getByRole('heading', { name: 'Admins only' }).waitFor();

  const staff = await openTab(browser());
  await signIn(staff.page, 'admin', adminPassword);
  await staff.page.getByRole('link', { name: 'Dashboard' }).click();
  const row = staff.page.getByTestId('metrics-table').locator(`tr[data-category="${category}"]`);
  await row.waitFor({ state: 'attached' });
  expect(await row.getByTestId('total-quantity').textContent()).toBe('3');
  const totalBefore = Number((await staff.page.getByTestId('total-units').textContent())!.replace(/,/g, ''));

  await page.getByRole('link', { name: 'Catalogue' }).click();
  await page.getByRole('searchbox', { name: 'Search', exact: true }).fill(name);
  await page.getByRole('button', { name: 'Search' }).click();
  const c = card(page, name);
  await c.getByText('Only 3 left').waitFor(); // a customer sees few as "only", never a count of many
  await c.getByLabel(`Quantity of ${name}`).fill('2');
  await c.getByRole('button', { name: 'Purchase' }).click();
  await c.getByText('Only 1 left').waitFor();
  await page
    .getByTestId('toast')
    .filter({ hasText: `Bought 2 × ${name} for $` })
    .waitFor();
  expect(await c.getByLabel(`Quantity of ${name}`).inputValue()).toBe('1'); // back to one

  // Someone else takes the last one: our next purchase is refused in words and the card catches up.
  const other = await newCustomer();
  const sweet = (
    await api<{ results: Sweet[] }>(`/api/sweets/?name=${encodeURIComponent(name)}`, {
      token: (await login(other.username, other.password)).access,
    })
  ).results[0]!;
  await api(`/api/sweets/${sweet.id}/purchase/`, {
    method: 'POST',
    token: (await login(other.username, other.password)).access,
    body: { amount: 1 },
  });
  await c.getByLabel(`Quantity of ${name}`).fill('1');
  await c.getByRole('button', { name: 'Purchase' }).click();
  await page
    .getByTestId('toast')
    .filter({ hasText: `Sorry, ${name} has just sold out.` })
    .waitFor();
  await c.getByTestId('stock').filter({ hasText: 'Sold out' }).waitFor();
  // A sold-out card has its badge and nothing to type or press.
  expect(await c.getByLabel(`Quantity of ${name}`).count()).toBe(0);
  expect(await c.getByRole('button').count()).toBe(0);

  await staff.page.reload();
  await staff.page.waitForFunction(
    (cat) => document.querySelector(`tr[data-category="${cat}"] [data-testid=total-quantity]`)?.textContent === '0',
    category,
  );
  expect(Number((await staff.page.getByTestId('total-units').textContent())!.replace(/,/g, ''))).toBe(totalBefore - 3);
  await expectTitle(staff.page, 'Dashboard · Sweet Shop');
  await closeTab(staff);
  await closeTab(tab);
});
