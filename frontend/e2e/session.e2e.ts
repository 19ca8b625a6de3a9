// Sessions in the browser: the access token lives in memory and a refused one is renewed from the HttpOnly cookie
// (which rotates); a password changed in one browser signs the other one out at its next click; a session that
// ends goes back to the login page with a message, and signing in again returns where the user was going.
import { expect, test } from 'vitest';
import { browserForFile, closeTab, newCustomer, openTab, signIn } from './support';

const browser = browserForFile();

test('a refused access token is renewed from the cookie, which rotates, and the page works', async () => {
  const customer = await newCustomer();
  const tab = await openTab(browser());
  const { page, context } = tab;
  await signIn(page, customer.username, customer.password);
  const first = (await context.cookies())[0]!.value;

  const refreshes: number[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('/api/auth/session/refresh/')) refreshes.push(r.status());
  });
  // The server refuses the access token once (as it would an expired one): the app renews it and retries.
  let refused = false;
  await page.route('**/api/orders/**', async (route) => {
    if (refused) return route.continue();
    refused = true;
    await route.fulfill({
      status: 401,
      contentType: 'application/json',
      body: JSON.stringify({ detail: 'Given token not valid for any token type', code: 'token_not_valid' }),
    });
  });
  await page.getByRole('link', { name: 'My orders' }).click();
  await page.getByRole('heading', { name: 'My orders' }).waitFor();
  await page.getByText('No orders yet').or(page.getByTestId('order-row').first()).waitFor();
  expect(refreshes).toEqual([200]);
  const second = (await context.cookies())[0]!.value;
  expect(second).not.toBe(first);

  // A reload restores the session from the cookie (rotating it again).
  await page.reload();
  await page.getByTestId('signed-in-user').waitFor();
  expect(refreshes).toEqual([200, 200]);
  expect((await context.cookies())[0]!.value).not.toBe(second);
  await closeTab(tab);
});

test('a password change signs the other browser out at its next click', async () => {
  const customer = await newCustomer();
  const here = await openTab(browser());
  const there = await openTab(browser());
  await signIn(here.page, customer.username, customer.password);
  await signIn(there.page, customer.username, customer.password);

  await here.page.getByRole('link', { name: 'Account' }).click();
  await here.page.getByRole('heading', { name: 'Your account' }).waitFor();
  await here.page.getByTestId('session').nth(1).waitFor(); // both browsers are listed
  await here.page.getByLabel('Current password').fill(customer.password);
  await here.page.getByLabel('New password').fill('a-new-e2e-password');
  await here.page.getByRole('button', { name: 'Change password' }).click();
  await here.page.getByText('Password changed. You were signed out everywhere else.').waitFor();
  await here.page.getByTestId('session').first().waitFor();
  expect(await here.page.getByTestId('session').count()).toBe(1);

  // The other browser's next request is refused, its cookie too: back to the login page, with why.
  await there.page.getByRole('link', { name: 'My orders' }).click();
  await there.page.waitForURL('**/login');
  await there.page.getByText('Your session has expired. Please sign in again.').waitFor();
  // Signing in again (with the new password) returns where it was going.
  await there.page.getByLabel('Username').fill(customer.username);
  await there.page.getByLabel('Password').fill('a-new-e2e-password');
  await there.page.getByRole('button', { name: 'Sign in' }).click();
  await there.page.getByRole('heading', { name: 'My orders' }).waitFor();

  // This browser was not signed out.
  await here.page.reload();
  await here.page.getByRole('heading', { name: 'Your account' }).waitFor();
  await closeTab(here);
  await closeTab(there);
});
