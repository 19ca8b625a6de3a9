// Orders in the browser: a basket of three sweets kept across a reload, checkout and the confirmation, My orders
// and the receipt; staff refund a line with restock and see the stock back; a walk-in sale at the counter; the basket
// and checkout on a 360-pixel phone.
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
  type Sweet,
  unique,
} from './support';

const browser = browserForFile();

const card = (page: Page, name: string) =>
  page.getByTestId('sweet-card').filter({ has: page.getByRole('heading', { name, exact: true }) });

async function addToBasket(page: Page, name: string, amount: number) {
  await page.goto(`/?name=${encodeURIComponent(name)}`);
  const c = card(page, name);
  await c.getByLabel(`Quantity of ${name}`).fill(String(amount));
  await c.getByRole('button', { name: 'Add to basket' }).click();
  await page
    .getByTestId('toast')
    .filter({ hasText: `Added ${amount} × ${name} to the basket.` })
    .waitFor();
}

async function expectNoHorizontalScroll(page: Page) {
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
}

test('a basket of three sweets survives a reload, checks out, and the order is in My orders with its receipt', async () => {
  const tag = unique('Basket ');
  const sweets: Sweet[] = [];
  for (const [i, price] of ['1.50', '2.25', '0.80'].entries())
    sweets.push(await createSweet({ name: `${tag}${i}`, price, quantity: 10 }));
  const customer = await newCustomer();
  const tab = await openTab(browser());
  const { page } = tab;
  await signIn(page, customer.username, customer.password);
  await addToBasket(page, sweets[0]!.name, 2);
  await addToBasket(page, sweets[1]!.name, 1);
  await addToBasket(page, sweets[2]!.name, 3);
  expect(await page.getByTestId('basket-count').textContent()).toBe('6');

  await page.getByRole('link', { name: /^Basket, / }).click();
  await expectTitle(page, 'Basket · Sweet Shop');
  await expect.poll(() => page.getByTestId('basket-line').count()).toBe(3);
  await page.getByLabel(`Quantity of ${sweets[1]!.name}`).fill('4'); // change a quantity
  await page.getByTestId('basket-total').filter({ hasText: '$14.40' }).waitFor(); // 3.00 + 9.00 + 2.40
  await page.reload();
  await page.getByTestId('basket-total').filter({ hasText: '$14.40' }).waitFor(); // kept across the reload
  await page.getByLabel(`Quantity of ${sweets[1]!.name}`).fill('12');
  await page.getByText('Only 10 left in stock').waitFor(); // a warning past the stock shown
  await page.getByLabel(`Quantity of ${sweets[1]!.name}`).fill('4');
  await screenshot(page, 'basket');
  await expectAccessible(page, 'basket');

  await page.getByRole('button', { name: 'Check out' }).click();
  const placed = page.getByText(/Thank you! Your order \d+ is placed\./);
  await placed.waitFor();
  const number = /order (\d+)/.exec((await placed.textContent()) ?? '')![1]!;
  // The toast says what was bought and the total.
  await page
    .getByTestId('toast')
    .filter({ hasText: new RegExp(`^Order ${number} placed: .*× .*, \\$[\\d,.]+ in all\\.`) })
    .waitFor();
  await expectTitle(page, `Order ${number} · Sweet Shop`);
  expect(await page.getByTestId('basket-count').textContent()).toBe('0');
  const receipt = page.frameLocator('iframe[title^="Receipt"]');
  await receipt.getByText(number, { exact: true }).waitFor();
  await receipt.getByText(sweets[1]!.name).waitFor();
  await page.getByRole('button', { name: 'Print receipt' }).waitFor();
  await screenshot(page, 'order');
  await expectAccessible(page, 'order');

  await page.getByRole('link', { name: 'My orders' }).click();
  const row = page.getByTestId('order-row').filter({ hasText: number });
  await row.waitFor();
  expect(await row.textContent()).toContain('$14.40');
  await row.getByRole('link', { name: number }).click();
  await page.getByRole('heading', { name: `Order ${number}` }).waitFor();
  const left = await api<Sweet>(`/api/sweets/${sweets[1]!.id}/`, { token: await adminToken() });
  expect(left.quantity).toBe(6);
  await closeTab(tab);
});

test('an Insufficient-stock checkout says what is left and adjusts the basket', async () => {
  const name = unique('Scarce ');
  const sweet = await createSweet({ name, quantity: 3 });
  const customer = await newCustomer();
  const tab = await openTab(browser());
  const { page } = tab;
  await signIn(page, customer.username, customer.password);
  await addToBasket(page, name, 3);
  await api(`/api/sweets/${sweet.id}/purchase/`, {
    method: 'POST',
    body: { amount: 2 },
    token: (
      await api<{ access: string }>('/api/auth/login/', {
        method: 'POST',
        body: { username: 'admin', password: adminPassword },
      })
    ).access,
  });
  await page.goto('/basket');
  await page.getByRole('button', { name: 'Check out' }).click();
  await page.getByText(`${name}: you asked for 3, 1 is left.`).waitFor();
  await page.getByRole('button', { name: 'Adjust my basket' }).click();
  expect(await page.getByLabel(`Quantity of ${name}`).inputValue()).toBe('1');
  await page.getByRole('button', { name: 'Check out' }).click();
  await page.getByText(/Thank you! Your order \d+ is placed\./).waitFor();
  await closeTab(tab);
});

test('staff refund a line back to stock, browse the orders, and sell to a walk-in at the counter', async () => {
  const name = unique('Refundable ');
  const sweet = await createSweet({ name, price: '3.00', quantity: 10 });
  const customer = await newCustomer();
  const token = (await api<{ access: string }>('/api/auth/login/', { method: 'POST', body: customer })).access;
  const order = await api<{ number: string }>('/api/orders/', {
    method: 'POST',
    body: { lines: [{ sweet: sweet.id, amount: 3 }] },
    token,
  });
  const tab = await openTab(browser());
  const { page } = tab;
  await signIn(page, 'admin', adminPassword);
  await page.getByRole('link', { name: 'Orders', exact: true }).click();
  await expectTitle(page, 'Orders · Sweet Shop');
  await page.getByLabel('Customer').fill(customer.username);
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.getByTestId('order-count').filter({ hasText: '1 order' }).waitFor();
  expect(page.url()).toContain(`customer=${customer.username}`);
  await screenshot(page, 'staff-orders');
  await expectAccessible(page, 'staff orders');

  await page.getByRole('link', { name: order.number }).click();
  await page.getByRole('button', { name: 'Refund lines…' }).click();
  await page.getByLabel(`${name} (up to 3)`).fill('1');
  await page.getByLabel('Reason').fill('Crushed in the bag');
  await page.getByRole('button', { name: 'Refund…' }).click();
  const dialog = page.getByRole('dialog', { name: `Refund order ${order.number}?` });
  await dialog.getByText('1 × ' + name + ' go back to stock.', { exact: false }).waitFor();
  await dialog.getByRole('button', { name: 'Refund', exact: true }).click();
  await page.getByText('Partly refunded').first().waitFor();
  await page.getByText(/Crushed in the bag/).waitFor();
  expect((await api<Sweet>(`/api/sweets/${sweet.id}/`, { token })).quantity).toBe(8); // 10 - 3 + 1

  // A walk-in sale, by keyboard: find, add, cash with change, complete.
  await page.getByRole('link', { name: 'Counter' }).click();
  await expectTitle(page, 'Counter sale · Sweet Shop');
  await page.getByLabel('Find a sweet').fill(name);
  const add = page.getByRole('button', { name: `Add ${name}` });
  await add.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter'); // twice: 2 units
  await page.getByTestId('till-total').filter({ hasText: '$6.00' }).waitFor();
  await page.getByLabel('Cash tendered').fill('10');
  await page.getByText('Change $4.00').waitFor();
  await expectAccessible(page, 'counter sale');
  await page.getByLabel('Cash tendered').press('Enter');
  const done = page.getByText(/Sale \d+ done: \$6\.00, change \$4\.00\./);
  await done.waitFor();
  const sale = /Sale (\d+)/.exec((await done.textContent()) ?? '')![1]!;
  const sold = await api<{ customer: string | null; seller: string; payment: { method: string } }>(
    `/api/orders/${sale}/`,
    { token: await adminToken() },
  );
  expect(sold.customer).toBeNull();
  expect(sold.seller).toBe('admin');
  expect(sold.payment.method).toBe('cash');
  await closeTab(tab);
});

test('the basket and checkout on a 360-pixel phone', async () => {
  const name = unique('Pocket Fudge ');
  await createSweet({ name, quantity: 5 });
  const customer = await newCustomer();
  const tab = await openTab(browser(), { width: 360, height: 740 });
  const { page } = tab;
  await signIn(page, customer.username, customer.password);
  await addToBasket(page, name, 2);
  await page.goto('/basket');
  await page.getByTestId('basket-line').waitFor();
  await expectNoHorizontalScroll(page);
  await expectAccessible(page, 'basket on a phone');
  await page.getByRole('button', { name: 'Check out' }).click();
  await page.getByText(/Thank you! Your order \d+ is placed\./).waitFor();
  await expectNoHorizontalScroll(page);
  await page.goto('/orders');
  await page.getByTestId('order-row').waitFor();
  await expectNoHorizontalScroll(page);
  await closeTab(tab);
});
