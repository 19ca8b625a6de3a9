// Perishables in the staff's pages: a restock with a best-before date and lot, a sale that takes that batch (seen
// in the sweet's history), and an expired batch written off from the expiring list. The expired batch is made the
// way a real shop could see it: restocked through a server whose day is still the batch's date (UTC-12), then
// moved out by a server on the same database whose day is already past it (UTC+14).
import { expect, inject, test } from 'vitest';
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
import { startServer } from './serve';

const browser = browserForFile();
const { bin, dataDir } = inject('serverEnv');
const secretKey = inject('secretKey');

interface BatchList {
  count: number;
  results: { id: number; best_before: string | null; lot: string; units: number; expired_units: number }[];
}

/// The day `hours` from UTC now, as YYYY-MM-DD.
const dayAt = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString().slice(0, 10);
const dayLabel = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });

/// Runs `work` against another server on the e2e database, in `zone`.
async function inZone<T>(zone: string, work: (url: string, token: string) => Promise<T>): Promise<T> {
  const server = await startServer(bin, {
    ...process.env,
    SWEETSHOP_DATA_DIR: dataDir,
    SWEETSHOP_SECRET_KEY: secretKey,
    SWEETSHOP_TIME_ZONE: zone,
    SWEETSHOP_LOG_LEVEL: 'warn',
  });
  try {
    const token = (await login('admin', adminPassword)).access;
    return await work(server.url, token);
  } finally {
    await server.stop();
  }
}

test('restock with a best-before date and lot, sell, and see the batch in the history', async () => {
  const sweet = await createSweet({ name: unique('Eclair '), quantity: 0, category: 'Patisserie' });
  const bestBefore = dayAt(24 * 10);
  const tab = await openTab(browser());
  const { page } = tab;
  await signIn(page, 'admin', adminPassword);
  await page.getByRole('link', { name: 'Admin' }).click();
  const find = async () => {
    await page.getByLabel('Find by name').fill(sweet.name);
    await page.getByRole('button', { name: 'Find', exact: true }).click();
  };
  await find();
  const row = page.getByTestId('stock-row').filter({ hasText: sweet.name });
  await row.getByLabel(`Units to add to ${sweet.name}`).fill('6');
  await row.getByLabel(`Best before (optional) for ${sweet.name}`).fill(bestBefore);
  await row.getByLabel(`Lot (optional) for ${sweet.name}`).fill('E2E-1');
  await row.getByRole('button', { name: 'Restock' }).click();
  await expect
    .poll(
      async () => (await api<{ quantity: number }>(`/api/sweets/${sweet.id}/`, { token: await adminToken() })).quantity,
    )
    .toBe(6);

  const customer = await newCustomer();
  const buyer = (await login(customer.username, customer.password)).access;
  await api(`/api/sweets/${sweet.id}/purchase/`, { method: 'POST', body: { amount: 2 }, token: buyer });

  await page.reload();
  await find();
  await row.getByRole('button', { name: `More actions for ${sweet.name}` }).click();
  await row.getByRole('button', { name: `History of ${sweet.name}` }).click();
  const dialog = page.getByRole('dialog', { name: `History of ${sweet.name}` });
  const batch = dialog.getByTestId('batch-row');
  await batch.first().waitFor();
  expect(await batch.allTextContents()).toEqual([`best before ${dayLabel(bestBefore)} · lot E2E-1 · sold next4—`]);
  const sold = dialog.getByTestId('history-row').filter({ hasText: 'Sold' });
  await expect(sold.getByTestId('history-batches').textContent()).resolves.toBe(
    `best before ${dayLabel(bestBefore)} · lot E2E-1: -2`,
  );
  await screenshot(page, 'batches-history');
  await expectAccessible(page, 'a sweet’s batches and history');
  await page.keyboard.press('Escape');

  // Customers see the earliest best-before date on the card.
  await page.goto('/');
  await page.getByRole('searchbox', { name: 'Search' }).fill(sweet.name);
  const card = page.getByTestId('sweet-card').filter({ hasText: sweet.name });
  await expect(card.getByTestId('best-before').textContent()).resolves.toBe(`Best before ${dayLabel(bestBefore)}`);
  await closeTab(tab);
});

test('an expired batch waits on the expiring list and is written off', async () => {
  const sweet = await createSweet({ name: unique('Tart '), quantity: 0, category: 'Patisserie' });
  const lastDay = dayAt(-12); // today in UTC-12: the last day a server there still takes as a best-before date
  await inZone('Etc/GMT+12', (url, token) =>
    fetch(`${url}/api/sweets/${sweet.id}/restock/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ amount: 3, best_before: lastDay, lot: 'OLD' }),
    }).then((r) => expect(r.status).toBe(200)),
  );
  // In UTC+14 that day has ended: the server's expiry job (at start) moves the batch out of the stock.
  await inZone('Pacific/Kiritimati', async (url, token) => {
    for (let i = 0; i < 100; ++i) {
      const r = await fetch(`${url}/api/sweets/${sweet.id}/batches/`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const list = (await r.json()) as BatchList;
      if (list.results[0]?.expired_units === 3) return;
      await new Promise((done) => setTimeout(done, 100));
    }
    throw new Error('the batch did not expire');
  });
  const staff = await adminToken();
  expect((await api<{ quantity: number }>(`/api/sweets/${sweet.id}/`, { token: staff })).quantity).toBe(0);

  const tab = await openTab(browser());
  const { page } = tab;
  await signIn(page, 'admin', adminPassword);
  await page.getByRole('link', { name: 'Expiring' }).click();
  await page.getByRole('heading', { name: 'Expiring stock' }).waitFor();
  await expectTitle(page, 'Expiring stock · Sweet Shop');
  const row = page.getByTestId('expiring-row').filter({ hasText: sweet.name });
  await row.waitFor();
  await expect(row.textContent()).resolves.toContain('Lot OLD');
  await expect(row.textContent()).resolves.toMatch(/Expired/);
  await screenshot(page, 'expiring');
  await expectAccessible(page, 'the expiring list');

  await row.getByRole('button', { name: `Write off ${sweet.name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Write off ${sweet.name}?` });
  // The backdrop covers the whole viewport, the header included (the dialog opens inside a panel).
  expect(await page.locator('.dialog-backdrop').boundingBox()).toEqual({ x: 0, y: 0, width: 1280, height: 900 });
  await dialog.getByLabel('Note (optional)').fill('binned');
  await dialog.getByRole('button', { name: 'Write off' }).click();
  await dialog.getByText(`3 units of ${sweet.name} written off.`).waitFor();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await row.waitFor({ state: 'detached' });

  const history = await api<{ results: { reason: string; actor: string; delta: number }[] }>(
    `/api/sweets/${sweet.id}/history/?page_size=1`,
    { token: staff },
  );
  expect(history.results[0]).toMatchObject({ reason: 'expired', actor: 'expiry', delta: -3 });
  const verified = await api<{ ok: boolean }>('/api/admin/stock/verify/', { token: staff });
  expect(verified.ok).toBe(true);
  await closeTab(tab);
});

test('a counter sale by weight: the grams typed, the price computed, the receipt in grams and per kilogram', async () => {
  const sweet = await createSweet({
    name: unique('Jelly beans '),
    category: 'Pick and mix',
    price: '12.99',
    quantity: 5000,
    unit: 'gram',
  });
  const tab = await openTab(browser());
  const { page } = tab;
  await signIn(page, 'admin', adminPassword);
  await page.getByRole('link', { name: 'Counter' }).click();
  await page.getByLabel('Find a sweet').fill(sweet.name);
  await page.getByRole('button', { name: `Add ${sweet.name}` }).click();
  const weight = page.getByLabel(`Weight in grams of ${sweet.name}`);
  await expect(weight.inputValue()).resolves.toBe('100');
  await weight.fill('250'); // what the scale shows
  await page.getByTestId('till-line-total').filter({ hasText: '$3.25' }).waitFor(); // 12.99/kg x 250 g = 3.2475
  await page.getByTestId('till-total').filter({ hasText: '$3.25' }).waitFor();
  await screenshot(page, 'counter-by-weight');
  await expectAccessible(page, 'a counter sale by weight');
  await page.getByLabel('Card').check();
  await page.getByRole('button', { name: 'Complete sale' }).click();
  const done = page.getByText(/Sale \d+ done: \$3\.25\./);
  await done.waitFor();
  const sale = /Sale (\d+)/.exec((await done.textContent()) ?? '')![1]!;
  const token = await adminToken();
  expect((await api<{ quantity: number }>(`/api/sweets/${sweet.id}/`, { token })).quantity).toBe(4750);
  const receipt = await (
    await fetch(`${page.url().split('/counter')[0]}/api/orders/${sale}/receipt/`, {
      headers: { Authorization: `Bearer ${token}` },
    })
  ).text();
  expect(receipt).toContain('<td class="num">250 g</td><td class="num">12.99/kg</td><td class="num">3.25</td>');
  await page.getByRole('link', { name: 'Print receipt' }).click();
  await page.getByText('250 g').first().waitFor();
  await page.getByText('$12.99/kg').first().waitFor();
  await closeTab(tab);
});
