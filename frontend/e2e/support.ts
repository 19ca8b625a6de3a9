// What the end-to-end tests share: Debian's Chromium through playwright-core (never a downloaded browser), the API
// from Node for set-up behind the page's back, HS256 tokens signed with the server's secret, and screenshots.
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';

export const baseURL = inject('baseURL');
export const adminPassword = inject('adminPassword');
const secretKey = inject('secretKey');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/// Test runs write their screenshots under the build output; `npm run screenshots` points this at docs/screenshots.
const SCREENSHOTS = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  process.env.SCREENSHOTS_DIR ?? '../build/e2e-screenshots',
);

function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/// One browser for the tests of a file: launched before them, closed after them.
export function browserForFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is not running');
    return browser;
  };
}

export interface Tab {
  context: BrowserContext;
  page: Page;
  /// Console errors, page errors and failed requests seen so far (a CSP violation or a crash shows up here).
  problems: string[];
}

export async function openTab(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<Tab> {
  const context = await browser.newContext({ baseURL, viewport, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // A refused request logs a console error by design (e.g. a 400 Insufficient stock); keep the rest.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  return { context, page, problems };
}

export async function closeTab(tab: Tab): Promise<void> {
  await tab.context.close();
  expect(tab.problems).toEqual([]);
}

export function unique(prefix: string): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  const r = await fetch(baseURL + path, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${r.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface Tokens {
  access: string;
  refresh: string;
  user: { id: number; username: string; email: string; is_staff: boolean };
}

export const login = (username: string, password: string) =>
  api<Tokens>('/api/auth/login/', { method: 'POST', body: { username, password } });

export async function newCustomer(): Promise<{ username: string; password: string }> {
  const username = unique('buyer');
  const password = 'e2e-password-1';
  await api('/api/auth/register/', { method: 'POST', body: { username, password } });
  return { username, password };
}

export async function adminToken(): Promise<string> {
  return (await login('admin', adminPassword)).access;
}

export interface Sweet {
  id: number;
  name: string;
  category: string;
  price: string;
  quantity: number;
  barcode?: string | null;
  unit?: 'piece' | 'gram';
}

export async function createSweet(fields: Partial<Sweet> & { name: string }): Promise<Sweet> {
  return api<Sweet>('/api/sweets/', {
    method: 'POST',
    token: await adminToken(),
    body: { category: 'E2E', price: '2.00', quantity: 5, description: 'Made by the e2e tests.', ...fields },
  });
}

/// An HS256 token signed with the server's secret, with the claims the server issues (for an expired access token).
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

export function signToken(claims: Record<string, unknown>): string {
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const body = b64(claims);
  const sig = createHmac('sha256', secretKey).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-user').waitFor({ state: 'attached' }); // in the closed menu on a phone
}

/// On a phone the shop's links are in the menu: opens it when they are folded away.
export async function openMenu(page: Page): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Menu', exact: true });
  if (await toggle.isVisible()) await toggle.click();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = `${SCREENSHOTS}/${name}.png`;
  await page.screenshot({ path, fullPage: false });
  // The README shows these: keep them small enough to commit.
  expect(statSync(path).size).toBeLessThan(300 * 1024);
}

/// The page's title becomes `title` (set after the route renders).
export async function expectTitle(page: Page, title: string): Promise<void> {
  await page.waitForFunction((t) => document.title === t, title);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/// axe-core's WCAG 2.1 A and AA rules on the page as it is now: no violation. (Injected through the DevTools
/// protocol, which the page's Content-Security-Policy does not apply to.)
export async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
    const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  expect({ page: what, violations }).toEqual({ page: what, violations: [] });
}

interface AxeResults {
  violations: { id: string; help: string; nodes: { target: string[] }[] }[];
}

/// Every piece of text on the page as drawn now has a contrast of at least 4.5:1 with what is behind it, computed
/// from the colours themselves: the text's colour (with its opacity) over each colour its background can be, the
/// stops of a gradient included (axe reports text over a gradient as "incomplete", so it cannot catch those). Text
/// that is hidden, aria-hidden or on a disabled control (exempt in WCAG 1.4.3) is left out.
export async function expectContrast(page: Page, what: string): Promise<void> {
  const failures = await page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const probe = document.createElement('canvas').getContext('2d')!;
    // Any CSS colour (rgb(), oklab(), color(srgb ...)) to sRGB bytes, through a canvas.
    const parse = (css: string): Rgba => {
      probe.clearRect(0, 0, 1, 1);
      probe.fillStyle = '#000';
      probe.fillStyle = css;
      probe.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = probe.getImageData(0, 0, 1, 1).data;
      return [r!, g!, b!, a! / 255];
    };
    const over = (top: Rgba, under: Rgba): Rgba => {
      const a = top[3];
      return [top[0] * a + under[0] * (1 - a), top[1] * a + under[1] * (1 - a), top[2] * a + under[2] * (1 - a), 1];
    };
    // oxlint-disable-next-line unicorn/consistent-function-scoping -- page.evaluate runs this function alone
    const lin = (v: number) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    const luminance = ([r, g, b]: Rgba) => {
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const ratio = (a: Rgba, b: Rgba) => {
      const [hi, lo] = [luminance(a), luminance(b)].toSorted((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    /// The colours behind an element: each layer's colour up to the first opaque one, a gradient's every stop.
    const backgrounds = (el: Element): Rgba[] => {
      const layers: Rgba[][] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const style = getComputedStyle(e);
        const image = style.backgroundImage;
        if (image.includes('gradient(')) {
          const stops = image.match(/(rgba?|oklab|oklch|color)\([^()]*\)|#[0-9a-f]{3,8}\b/gi) ?? [];
          layers.push(stops.map(parse));
          if (stops.map(parse).every((c) => c[3] === 1)) break;
        }
        const color = parse(style.backgroundColor);
        if (color[3] > 0) {
          layers.push([color]);
          if (color[3] === 1) break;
        }
      }
      let result: Rgba[] = [[255, 255, 255, 1]];
      for (const layer of layers.toReversed()) result = layer.flatMap((c) => result.map((under) => over(c, under)));
      return result;
    };
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || seen.has(el) || !node.textContent?.trim()) continue;
      seen.add(el);
      if (el.closest('[aria-hidden="true"], :disabled, [aria-disabled="true"], .visually-hidden, script, style'))
        continue;
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const box = el.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) continue; // clipped away for screen readers only
      let opacity = 1;
      for (let e: Element | null = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
      const color = parse(getComputedStyle(el).color);
      color[3] *= opacity;
      for (const bg of backgrounds(el)) {
        const r = ratio(over(color, bg), bg);
        if (r < 4.5) {
          out.push(
            `${r.toFixed(2)}:1 "${node.textContent.trim().slice(0, 40)}" (${el.tagName.toLowerCase()}.${el.className})`,
          );
          break;
        }
      }
    }
    return out;
  });
  expect({ page: what, failures }).toEqual({ page: what, failures: [] });
}

/// The page's headings go down one level at a time from one h1 (h1, h2, h3; never h1 then h3).
export async function expectHeadingsInOrder(page: Page, what: string): Promise<void> {
  const levels = await page.evaluate(() =>
    Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'))
      .filter((h) => !h.closest('[aria-hidden="true"]') && (h as HTMLElement).checkVisibility())
      .map((h) => Number(h.tagName[1])),
  );
  const jumps = levels.filter((l, i) => i > 0 && l > levels[i - 1]! + 1);
  expect({ page: what, first: levels[0], h1s: levels.filter((l) => l === 1).length, jumps }).toEqual({
    page: what,
    first: 1,
    h1s: 1,
    jumps: [],
  });
}
