// People (the owner's page): the owner promotes a customer to staff, who sees the staff pages after a reload;
// deactivating signs them out at their next click; the last owner cannot demote themself.
import { expect, test } from 'vitest';
import {
  adminPassword,
  browserForFile,
  closeTab,
  expectAccessible,
  expectTitle,
  newCustomer,
  openTab,
  screenshot,
  signIn,
} from './support';

const browser = browserForFile();

test('the owner promotes a customer to staff, who sees the staff pages after a reload', async () => {
  const customer = await newCustomer();
  const theirs = await openTab(browser());
  await signIn(theirs.page, customer.username, customer.password);
  await theirs.page.getByRole('link', { name: 'My orders' }).waitFor();
  expect(await theirs.page.getByRole('link', { name: 'Admin' }).count()).toBe(0);

  const owner = await openTab(browser());
  const { page } = owner;
  await signIn(page, 'admin', adminPassword);
  await page.getByRole('link', { name: 'People' }).click();
  await expectTitle(page, 'People · Sweet Shop');
  await page.getByLabel('Name or email').fill(customer.username);
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.locator(`[data-testid=person-row][data-username="${customer.username}"]`);
  await row.waitFor();
  await row.getByLabel(`Role of ${customer.username}`).selectOption('staff');
  await page.getByText(`${customer.username} is now staff.`).waitFor();
  await screenshot(page, 'people');
  await expectAccessible(page, 'people');

  // After a reload the app re-reads the user: the staff pages are there.
  await theirs.page.reload();
  await theirs.page.getByRole('link', { name: 'Admin' }).waitFor();
  await theirs.page.getByRole('link', { name: 'Admin' }).click();
  await theirs.page.getByRole('button', { name: 'Add a sweet' }).waitFor();
  expect(await theirs.page.getByRole('link', { name: 'People' }).count()).toBe(0); // the owner's only

  // Deactivated: their next request is refused and the app signs them out.
  await row.getByRole('button', { name: `Deactivate ${customer.username}` }).click();
  await page.getByText(`${customer.username} can no longer sign in.`).waitFor();
  await theirs.page.reload();
  await theirs.page.waitForURL('**/login');

  // The owner cannot demote themself while they are the only one.
  await page.getByLabel('Name or email').fill('admin');
  await page.getByRole('button', { name: 'Search' }).click();
  const mine = page.locator('[data-testid=person-row][data-username="admin"]');
  await mine.getByLabel('Role of admin').selectOption('staff');
  await page.getByRole('alert').filter({ hasText: 'The shop needs an active owner' }).waitFor();
  await closeTab(theirs);
  await closeTab(owner);
});

test('a reset password is temporary, and the audit log shows who did what', async () => {
  const customer = await newCustomer();
  const owner = await openTab(browser());
  const { page } = owner;
  await signIn(page, 'admin', adminPassword);
  await page.getByRole('link', { name: 'People' }).click();
  await page.getByLabel('Name or email').fill(customer.username);
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.locator(`[data-testid=person-row][data-username="${customer.username}"]`);
  await row.getByRole('button', { name: `Reset the password of ${customer.username}` }).click();
  const temporary = (await page.getByTestId('temporary-password').textContent())!;
  expect(temporary).toMatch(/^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/);

  // Signed in with it, they must choose their own password before anything else.
  const theirs = await openTab(browser());
  await signIn(theirs.page, customer.username, temporary);
  await theirs.page.getByRole('heading', { name: 'Your account' }).waitFor();
  await theirs.page.getByText('You signed in with a temporary password.').waitFor();
  await theirs.page.goto('/orders');
  await theirs.page.getByRole('heading', { name: 'Your account' }).waitFor();
  await theirs.page.getByLabel('Current password').fill(temporary);
  await theirs.page.getByLabel('New password').fill('their-own-password');
  await theirs.page.getByRole('button', { name: 'Change password' }).click();
  await theirs.page.getByText('Password changed.').waitFor();
  await theirs.page.getByRole('link', { name: 'My orders' }).click();
  await theirs.page.getByRole('heading', { name: 'My orders' }).waitFor();

  await page.getByRole('link', { name: 'Audit log' }).click();
  await expectTitle(page, 'Audit log · Sweet Shop');
  await page.getByLabel('What').selectOption('user.');
  const entry = page.locator('[data-testid=audit-row][data-action="user.password_reset"]').first();
  await entry.waitFor();
  expect(await entry.textContent()).toContain(customer.username);
  await screenshot(page, 'audit-log');
  await expectAccessible(page, 'audit log');
  await closeTab(theirs);
  await closeTab(owner);
});
