// The storefront (issue 20): a visitor searches and buys, signing in only at checkout; staff give a sweet its
// photo; a catalogue CSV with a bad row is checked, fixed and applied.
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import {
  adminPassword,
  adminToken,
  baseURL,
  browserForFile,
  closeTab,
  createSweet,
  expectAccessible,
  newCustomer,
  openTab,
  screenshot,
  signIn,
  unique,
} from './support';

const browser = browserForFile();

/// A real PNG (a warm gradient) made here: what a phone's photo would be to the server.
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const at = y * (width * 3 + 1) + 1 + x * 3;
      rows.set([200 + Math.round((55 * x) / width), 120 + Math.round((80 * y) / height), 90], at);
    }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function uploadPhoto(id: number, bytes: Buffer): Promise<void> {
  const r = await fetch(`${baseURL}/api/sweets/${id}/image/`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${await adminToken()}`, 'Content-Type': 'image/png' },
    body: new Uint8Array(bytes),
  });
  expect(r.status).toBe(200);
}

const card = (page: Page, name: string) =>
  page.getByTestId('sweet-card').filter({ has: page.getByRole('heading', { name, exact: true }) });

test('a visitor searches "creme", sees the card with its photo, signs in at checkout and buys', async () => {
  const name = `Crème Brûlée Bites ${unique('x')}`;
  const sweet = await createSweet({ name, category: 'Pâtisserie', price: '2.40', quantity: 30 });
  await uploadPhoto(sweet.id, png(160, 120));
  const customer = await newCustomer();

  const tab = await openTab(browser());
  const { page } = tab;
  await page.goto('/');
  await page.getByRole('heading', { name: 'Our sweets' }).waitFor();
  // Search as you type: no accents, no capitals, no button.
  await page.getByRole('searchbox', { name: 'Search' }).fill('creme');
  await card(page, name).waitFor();
  await page.waitForURL(/q=creme/);
  const photo = card(page, name).locator('img.sweet-photo');
  await photo.waitFor();
  expect(await photo.getAttribute('alt')).toBe(name);
  await page.waitForFunction(
    (img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0,
    await photo.elementHandle(),
  );
  expect(await card(page, name).getByTestId('availability').textContent()).toBe('In stock');
  await screenshot(page, 'storefront-search');
  await expectAccessible(page, 'storefront');

  // The product page.
  await card(page, name).getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Add to basket' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Added ${name} to the basket.` })
    .waitFor();

  // Checkout asks to sign in, then comes back to the basket.
  await page.getByRole('link', { name: /^Basket, / }).click();
  await page.getByRole('button', { name: 'Sign in to check out' }).click();
  await page.getByLabel('Username').fill(customer.username);
  await page.getByLabel('Password').fill(customer.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/basket$/);
  await page.getByRole('button', { name: 'Check out' }).click();
  await page.waitForURL(/\/orders\/\d+$/);
  await page.getByText(name).first().waitFor();
  await closeTab(tab);
});

test('staff give a sweet its photo from the edit dialog', async () => {
  const name = unique('Photo Fudge');
  await createSweet({ name, category: 'Fudge', price: '1.10', quantity: 5 });
  const tab = await openTab(browser());
  const { page } = tab;
  await signIn(page, 'admin', adminPassword);
  await page.goto('/admin');
  await page.getByLabel('Find by name').fill(name);
  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByRole('button', { name: `Edit ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Edit ${name}` });
  await dialog.getByRole('img', { name: `No photo of ${name} yet` }).waitFor();
  await dialog
    .getByLabel('Choose a photo')
    .setInputFiles({ name: 'fudge.png', mimeType: 'image/png', buffer: png(300, 200) });
  await dialog.getByText('Photo saved.').waitFor();
  const photo = dialog.getByRole('img', { name });
  await photo.waitFor();
  expect(await photo.getAttribute('src')).toMatch(/^\/api\/images\/[0-9a-f]{32}-card\.webp$/);
  // A file that is not an image is refused with the server's words, and the photo stays.
  await dialog
    .getByLabel('Choose a photo')
    .setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('hi') });
  await dialog
    .getByText('Upload a valid image. The file you uploaded was either not an image or a corrupted image.')
    .waitFor();
  await photo.waitFor();
  await closeTab(tab);
});

test('a catalogue CSV with a bad row shows it in the dry run, is fixed and applied', async () => {
  const first = unique('Csv Gummy');
  const second = unique('Csv Lolly');
  const bad = `name;category;price;quantity\n${first};Gummies;0,80;12\n"${second}";"Lollies; big";abc;3\n`;
  const tab = await openTab(browser());
  const { page } = tab;
  await signIn(page, 'admin', adminPassword);
  await page.goto('/admin');
  await page.getByRole('link', { name: 'Import from CSV' }).click();
  await page.getByRole('heading', { name: 'Import the catalogue' }).waitFor();
  const file = page.getByLabel('CSV file');
  await file.setInputFiles({ name: 'catalogue.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.getByTestId('import-summary').filter({ hasText: '2 rows: 1 new' }).waitFor();
  const table = page.getByRole('table', { name: 'What the import does, row by row' });
  const refused = table.getByRole('row').filter({ hasText: second });
  expect(await refused.textContent()).toContain('Refused');
  expect(await refused.textContent()).toContain('price: A valid number is required.');
  expect(await page.getByRole('button', { name: 'Apply the import' }).isDisabled()).toBe(true);
  await screenshot(page, 'catalogue-import');
  await expectAccessible(page, 'catalogue import');

  await file.setInputFiles({
    name: 'catalogue.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(bad.replace('abc', '1,50')),
  });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.getByTestId('import-summary').filter({ hasText: '0 refused' }).waitFor();
  await page.getByRole('button', { name: 'Apply the import' }).click();
  await page.getByText('Imported: 2 new, 0 updated, 0 unchanged.').waitFor();

  const found = await fetch(`${baseURL}/api/sweets/?name=${encodeURIComponent(second)}`, {
    headers: { Authorization: `Bearer ${await adminToken()}` },
  }).then((r) => r.json() as Promise<{ results: { category: string; price: string; quantity: number }[] }>);
  expect(found.results).toEqual([expect.objectContaining({ category: 'Lollies; big', price: '1.50', quantity: 3 })]);
  await closeTab(tab);
});

test('a scanner typing a barcode into the till adds the sweet; its shelf label has the barcode', async () => {
  const name = unique('Scanned Cola');
  // A valid EAN-13 of its own: twelve digits from the test's unique name, and their check digit.
  const digits = `20${String(Date.now()).slice(-10)}`;
  const sum = [...digits].reduce((s, d, i) => s + Number(d) * (i % 2 ? 3 : 1), 0);
  const barcode = `${digits}${(10 - (sum % 10)) % 10}`;
  await createSweet({ name, category: 'Gummies', price: '0.60', quantity: 40, barcode });
  const tab = await openTab(browser());
  const { page } = tab;
  await signIn(page, 'admin', adminPassword);
  await page.goto('/counter');
  await page.getByLabel('Find a sweet').fill(barcode);
  await page.getByLabel('Find a sweet').press('Enter');
  await page
    .getByRole('status')
    .filter({ hasText: `Added ${name}.` })
    .waitFor();
  await page.getByTestId('till-line').filter({ hasText: name }).waitFor();
  expect(await page.getByLabel('Find a sweet').inputValue()).toBe(''); // ready for the next scan
  await page.getByLabel('Find a sweet').fill('4006381333932');
  await page.getByLabel('Find a sweet').press('Enter');
  await page.getByText("This barcode's check digit should be 1, not 2: check the number.").waitFor();

  await page.goto('/admin/labels');
  await page.getByLabel('Which sweets').fill(name);
  const label = page.getByTestId('shelf-label').filter({ hasText: name });
  await label.waitFor();
  expect(await label.textContent()).toContain('$0.60');
  await label.getByRole('img', { name: `Barcode ${barcode}` }).waitFor();
  expect(await label.locator('svg rect').count()).toBeGreaterThan(20);
  await closeTab(tab);
});
