// The web app's polish (issue 22): phone first, feedback, words, accessibility. Each point is measured in Chromium.
import { expect, inject, test } from 'vitest';
import { startServer } from './serve';
import {
  adminPassword,
  browserForFile,
  closeTab,
  createSweet,
  expectAccessible,
  expectContrast,
  expectHeadingsInOrder,
  newCustomer,
  openTab,
  signIn,
  unique,
} from './support';

const browser = browserForFile();
const { bin, dataDir } = inject('serverEnv');
const secretKey = inject('secretKey');

test('on a 360-pixel phone: one-row header with a menu, the first card high, two a row, sticky search, a sheet', async () => {
  const customer = await newCustomer();
  const tab = await openTab(browser(), { width: 360, height: 740 });
  const { page } = tab;
  await signIn(page, customer.username, customer.password);
  const cards = page.getByTestId('sweet-card');
  await cards.nth(1).waitFor();

  // One row of header: the brand, the basket and the menu; the links open from the menu.
  const header = (await page.locator('.masthead').boundingBox())!;
  expect(header.height).toBeLessThan(64);
  expect(await page.getByRole('link', { name: 'My orders' }).isVisible()).toBe(false);
  await page.getByRole('button', { name: 'Menu', exact: true }).click();
  await page.getByRole('link', { name: 'My orders' }).waitFor();
  expect(await page.getByRole('button', { name: 'Close menu' }).getAttribute('aria-expanded')).toBe('true');
  await page.keyboard.press('Escape');
  await page.getByRole('link', { name: 'My orders' }).waitFor({ state: 'hidden' });

  // The first card starts within the first 300 px, and two cards share a row.
  const first = (await cards.nth(0).boundingBox())!;
  const second = (await cards.nth(1).boundingBox())!;
  expect(first.y).toBeLessThan(300);
  expect(second.y).toBe(first.y);
  expect(second.x).toBeGreaterThan(first.x + first.width - 1);

  // Customers see words, not counts: "In stock", "Only N left" or the Sold out badge.
  for (const text of await page.getByTestId('stock').allTextContents())
    expect(text).toMatch(/^(In stock|Only [\d,]+( g)? left|Sold out)$/);

  // The search box stays at the top as the page scrolls.
  await page.mouse.wheel(0, 900);
  await page.waitForFunction(() => window.scrollY > 400);
  const search = page.getByRole('searchbox', { name: 'Search', exact: true });
  const box = (await search.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeLessThan(40);

  // The other filters open as a sheet from the bottom of the screen; Escape closes it.
  await page.getByRole('button', { name: 'More filters' }).click();
  const sheet = (await page.locator('.filters-more').boundingBox())!;
  expect(Math.round(sheet.y + sheet.height)).toBe(740);
  expect(sheet.width).toBe(360);
  await expectAccessible(page, 'the filter sheet');
  await page.getByLabel('Category').press('Escape');
  await page.getByLabel('Category').waitFor({ state: 'hidden' });

  // The pager is one line; a page change lands at the top of the grid.
  const pager = page.getByRole('navigation', { name: 'Catalogue pages' });
  await pager.scrollIntoViewIfNeeded();
  expect((await pager.boundingBox())!.height).toBeLessThan(56);
  await pager.getByRole('button', { name: 'Next' }).click();
  await page.waitForURL(/page=2/);
  await page.waitForFunction(() => {
    const top = document.querySelector('[data-testid=sweet-grid]')!.getBoundingClientRect().top;
    return top >= 0 && top < 120;
  });
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('sweet-grid');
  await expectContrast(page, 'catalogue on a phone');
  await closeTab(tab);
});

test('a purchase toasts what was bought and its total; a refusal offers what is left; staff see counts', async () => {
  const name = unique('Toast Toffee ');
  await createSweet({ name, quantity: 3, price: '1.25' });
  const customer = await newCustomer();
  const tab = await openTab(browser());
  const { page } = tab;
  await signIn(page, customer.username, customer.password);
  await page.goto(`/?name=${encodeURIComponent(name)}`);
  const card = page.getByTestId('sweet-card').filter({ hasText: name });
  await card.getByText('Only 3 left').waitFor();

  // The button stays focused while it is busy (aria-busy, not disabled), and a second press buys nothing more.
  await page.route('**/purchase/', async (route) => {
    await new Promise((r) => setTimeout(r, 400));
    await route.continue();
  });
  await card.getByLabel(`Quantity of ${name}`).fill('2');
  await card.getByRole('button', { name: 'Purchase' }).focus();
  await page.keyboard.press('Enter');
  await card.locator('button[aria-busy="true"]').waitFor();
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-busy'))).toBe('true');
  await page.keyboard.press('Enter'); // ignored while busy
  await page
    .getByTestId('toast')
    .filter({ hasText: `Bought 2 × ${name} for $2.50.` })
    .waitFor();
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Purchase');
  expect(await card.getByLabel(`Quantity of ${name}`).inputValue()).toBe('1');
  await card.getByText('Only 1 left').waitFor();

  // Asking for more than is left says how many there are and offers them.
  await card.getByLabel(`Quantity of ${name}`).fill('5');
  await card.getByRole('button', { name: 'Purchase' }).click();
  await card.getByRole('alert').filter({ hasText: 'Only 1 left.' }).waitFor();
  await card.getByRole('button', { name: 'Buy 1' }).click();
  await page
    .getByTestId('toast')
    .filter({ hasText: `Bought 1 × ${name} for $1.25.` })
    .waitFor();
  await card.getByTestId('stock').filter({ hasText: 'Sold out' }).waitFor();
  expect(await card.getByRole('button').count()).toBe(0);
  await expectContrast(page, 'catalogue with toasts');
  await closeTab(tab);

  // Staff see the counts.
  await createSweet({ name: `${name} Plenty`, quantity: 40 });
  const staff = await openTab(browser());
  await signIn(staff.page, 'admin', adminPassword);
  await staff.page.goto(`/?name=${encodeURIComponent(`${name} Plenty`)}`);
  await staff.page.getByTestId('sweet-card').getByText('40 in stock').waitFor();
  await closeTab(staff);
});

test('a dialog closes on Escape after a failed save, keeps Tab inside, and its backdrop covers the header', async () => {
  const name = unique('Dialog Drops ');
  await createSweet({ name, quantity: 9 });
  const tab = await openTab(browser());
  const { page } = tab;
  await signIn(page, 'admin', adminPassword);
  await page.goto('/admin');
  await page.getByLabel('Find by name').fill(name);
  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByRole('button', { name: `Edit ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Edit ${name}` });
  await dialog.waitFor();
  expect(await page.locator('.dialog-backdrop').boundingBox()).toEqual({ x: 0, y: 0, width: 1280, height: 900 });
  // What is over the brand is the backdrop, not the header.
  const hit = await page.evaluate(() => {
    window.scrollTo(0, 0);
    const h = document.querySelector('.masthead')!.getBoundingClientRect();
    return document.elementFromPoint(h.x + 30, h.y + h.height / 2)?.className; // the brand, beside the dialog
  });
  expect(hit).toContain('dialog-backdrop');
  // A save the API refuses (a name taken by another sweet).
  await dialog.getByLabel('Name').fill('Caramel Fudge');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await dialog.getByText('A sweet with this name already exists.').waitFor();
  for (let i = 0; i < 30; i++) await page.keyboard.press('Tab');
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await closeTab(tab);
});

test('every page: text contrast at least 4.5:1 computed, headings in order, axe clean', async () => {
  const tab = await openTab(browser());
  const { page } = tab;
  for (const path of ['/login', '/register', '/']) {
    await page.goto(path);
    await page.locator('h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    await expectContrast(page, path);
    await expectHeadingsInOrder(page, path);
  }
  await signIn(page, 'admin', adminPassword);
  const pages = [
    '/',
    '/basket',
    '/orders',
    '/account',
    '/dashboard',
    '/staff/orders',
    '/counter',
    '/admin',
    '/stock/low',
    '/stock/expiring',
    '/stock/count',
    '/people',
    '/audit',
  ];
  for (const path of pages) {
    await page.goto(path);
    await page.locator('h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.title()).toMatch(/ · Sweet Shop$/);
    await expectContrast(page, path);
    await expectHeadingsInOrder(page, path);
    await expectAccessible(page, path);
  }
  await closeTab(tab);
});

test("money in the shop's currency and locale (SWEETSHOP_CURRENCY, SWEETSHOP_LOCALE)", async () => {
  const name = unique('Euro Eclair ');
  await createSweet({ name, price: '1234.50', quantity: 9 });
  // Another server on the same shop, set up for a German shop in euros.
  const server = await startServer(bin, {
    ...process.env,
    SWEETSHOP_DATA_DIR: dataDir,
    SWEETSHOP_SECRET_KEY: secretKey,
    SWEETSHOP_CURRENCY: 'EUR',
    SWEETSHOP_LOCALE: 'de-DE',
    SWEETSHOP_LOG_LEVEL: 'warn',
  });
  const tab = await openTab(browser());
  try {
    await tab.page.goto(`${server.url}/?q=${encodeURIComponent(name)}`);
    const card = tab.page.getByTestId('sweet-card').filter({ hasText: name });
    await card.waitFor();
    expect(await card.textContent()).toMatch(/1\.234,50\s€/);
  } finally {
    await closeTab(tab);
    await server.stop();
  }
});

test('a bad price filter says so beside its field as it is typed, and the results stay', async () => {
  const customer = await newCustomer();
  const tab = await openTab(browser());
  const { page } = tab;
  await signIn(page, customer.username, customer.password);
  const cards = page.getByTestId('sweet-card');
  await cards.first().waitFor();
  const shown = await cards.count();
  const min = page.getByLabel('Min price');
  await min.fill('abc');
  await page.getByText('Enter a number, such as 3.50.').waitFor();
  expect(await min.getAttribute('aria-invalid')).toBe('true');
  expect(await min.getAttribute('aria-describedby')).toBeTruthy();
  await page.getByRole('button', { name: 'Search' }).click();
  expect(new URL(page.url()).searchParams.get('min_price')).toBeNull(); // not searched for
  expect(await cards.count()).toBe(shown);
  await min.fill('1.5');
  expect(await min.getAttribute('aria-invalid')).toBeNull();
  await closeTab(tab);
});
