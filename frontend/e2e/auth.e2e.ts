// Register with the API's field errors shown next to their fields, log in (no token in storage), survive a reload,
// sign out.
import { expect, test } from 'vitest';
import { expectAccessible, closeTab, browserForFile, newCustomer, openTab, unique, expectTitle } from './support';

const browser = browserForFile();

test('register, sign in, reload, sign out', async () => {
  const tab = await openTab(browser());
  const { page } = tab;
  // The shop is open to visitors; their own pages ask them to sign in.
  await page.goto('/');
  await page.getByRole('heading', { name: 'Our sweets' }).waitFor();
  await page.goto('/orders');
  await page.waitForURL('**/login');
  await expectTitle(page, 'Sign in · Sweet Shop');
  await expectAccessible(page, 'sign-in page');

  await page.getByRole('link', { name: 'Create an account' }).click();
  const taken = await newCustomer();
  await page.getByLabel('Username').fill(taken.username);
  await page.getByLabel('Email (optional)').fill('not-an-email');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  const username = page.getByLabel('Username');
  await page.getByText('That username is taken. Choose another.').waitFor();
  expect(await username.getAttribute('aria-invalid')).toBe('true');
  expect(await page.getByLabel('Email (optional)').getAttribute('aria-describedby')).toBeTruthy();
  await page.getByText('Enter an email address, such as ann@example.com.').waitFor();
  await page.getByText('Use at least 8 characters.').waitFor();
  await expectAccessible(page, 'registration with field errors');

  const name = unique('ann');
  await username.fill(name);
  await page.getByLabel('Email (optional)').fill(`${name}@Example.COM`);
  await page.getByLabel('Password').fill('a-long-password');
  await page.getByRole('button', { name: 'Create account' }).click();
  // Registering signs you in, and says so.
  await page.getByRole('heading', { name: 'Sweet catalogue' }).waitFor();
  await page
    .getByTestId('toast')
    .filter({ hasText: `Welcome, ${name}! Your account is ready.` })
    .waitFor();
  expect(await page.getByTestId('signed-in-user').textContent()).toBe(name);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/login');

  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Wrong username or password.').waitFor();

  await page.getByLabel('Password').fill('a-long-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Sweet catalogue' }).waitFor();
  expect(await page.getByTestId('signed-in-user').textContent()).toBe(name);
  await expectTitle(page, 'Catalogue · Sweet Shop');
  // No token where a script could read it: nothing in storage, and the refresh cookie is HttpOnly.
  expect(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie])).toEqual([0, 0, '']);
  const [cookie] = await tab.context.cookies();
  expect(cookie).toMatchObject({ name: 'sweetshop_refresh', path: '/api/auth/', httpOnly: true, sameSite: 'Strict' });
  // No admin link for a customer, and the admin page says so.
  expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
  await page.goto('/admin');
  await page.getByRole('heading', { name: 'Admins only' }).waitFor();

  await page.reload();
  await page.getByTestId('signed-in-user').waitFor({ state: 'attached' });
  expect(await page.getByTestId('signed-in-user').textContent()).toBe(name);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/login');
  await page.goto('/dashboard');
  await page.waitForURL('**/login');
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  expect(await tab.context.cookies()).toEqual([]); // the server cleared it as the session ended
  await closeTab(tab);
});

test('an address that does not exist says so', async () => {
  const tab = await openTab(browser());
  await tab.page.goto('/no/such/page');
  await tab.page.getByRole('heading', { name: 'Page not found' }).waitFor();
  expect(await tab.page.title()).toBe('Page not found · Sweet Shop');
  await closeTab(tab);
});
