// A session that outlives its access token keeps working (the refresh token gets a new one); when the refresh
// token is refused, the app goes back to the login page and says why.
import { expect, test } from 'vitest';
import { closeTab, browserForFile, login, newCustomer, openTab, signToken, type Tokens } from './support';

const browser = browserForFile();

/// The claims of `token` with new times: what the server would have issued `ageSeconds` ago.
function expiredCopy(token: string): string {
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
  const now = Math.floor(Date.now() / 1000);
  return signToken({ ...claims, iat: now - 7200, exp: now - 3600 });
}

test('an expired access token is refreshed and the page works', async () => {
  const customer = await newCustomer();
  const tokens = await login(customer.username, customer.password);
  const stale: Tokens = { ...tokens, access: expiredCopy(tokens.access) };
  const tab = await openTab(browser());
  const { page } = tab;
  await page.goto('/login');
  await page.evaluate((s) => localStorage.setItem('sweetshop.session', JSON.stringify(s)), stale);

  const refreshes: number[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('/api/auth/token/refresh/')) refreshes.push(r.status());
  });
  await page.goto('/');
  await page.getByTestId('sweet-card').first().waitFor();
  expect(refreshes).toEqual([200]);
  const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('sweetshop.session')))!) as Tokens;
  expect(stored.access).not.toBe(stale.access);
  expect(stored.refresh).toBe(tokens.refresh);

  // An access token the server refuses although it looks valid (signed with another key): refreshed and retried.
  await page.evaluate((s) => localStorage.setItem('sweetshop.session', JSON.stringify(s)), {
    ...stored,
    access: `${stored.access.slice(0, -4)}AAAA`,
  });
  await page.reload();
  await page.getByTestId('sweet-card').first().waitFor();
  expect(refreshes).toEqual([200, 200]);
  await closeTab(tab);
});

test('a refused refresh token ends at the login page with a message', async () => {
  const customer = await newCustomer();
  const tokens = await login(customer.username, customer.password);
  const tab = await openTab(browser());
  const { page } = tab;
  await page.goto('/login');
  await page.evaluate((s) => localStorage.setItem('sweetshop.session', JSON.stringify(s)), {
    ...tokens,
    access: expiredCopy(tokens.access),
    refresh: expiredCopy(tokens.refresh),
  });
  await page.goto('/orders');
  await page.waitForURL('**/login');
  await page.getByText('Your session has expired. Please sign in again.').waitFor();
  expect(await page.evaluate(() => localStorage.getItem('sweetshop.session'))).toBeNull();

  // Signing in again takes the user back where they were going.
  await page.getByLabel('Username').fill(customer.username);
  await page.getByLabel('Password').fill(customer.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'My orders' }).waitFor();
  expect(await page.getByText('Your session has expired.').count()).toBe(0);
  await closeTab(tab);
});
