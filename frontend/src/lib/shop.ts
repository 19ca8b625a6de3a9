// The shop as the server describes it (GET /api/shop/): its name, and how its money and numbers are written
// (SWEETSHOP_CURRENCY, SWEETSHOP_LOCALE). Read once before the app first renders; the defaults stand in when the
// server cannot be asked (a test, or the shop unreachable: then the first request says so).
import type { components } from './api/schema';

export type ShopInfo = components['schemas']['Shop'];

export const DEFAULT_SHOP: ShopInfo = {
  name: 'Sweet Shop',
  address: '',
  currency: 'USD',
  locale: 'en-US',
  time_zone: 'UTC',
  storefront: true,
};

let current: ShopInfo = DEFAULT_SHOP;
const listeners = new Set<() => void>();

export function shop(): ShopInfo {
  return current;
}

/// Takes the server's description; a currency or locale this browser's Intl does not know keeps the default.
export function configureShop(info: Partial<ShopInfo>): void {
  const next = { ...current, ...info };
  try {
    Intl.NumberFormat.supportedLocalesOf(next.locale); // throws for a malformed tag
    new Intl.NumberFormat(next.locale, { style: 'currency', currency: next.currency }).format(0);
  } catch {
    next.locale = current.locale;
    next.currency = current.currency;
  }
  current = next;
  for (const l of listeners) l();
}

/// Called when the shop's settings change (formatters built from them start again).
export function onShopChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/// Asks the server (at most `timeoutMs`); the defaults stay when it does not answer.
export async function loadShop(baseUrl: string, timeoutMs = 3000): Promise<void> {
  try {
    const response = await fetch(`${baseUrl}/api/shop/`, {
      signal: AbortSignal.timeout(timeoutMs),
      credentials: 'omit',
    });
    if (!response.ok) return;
    const body = (await response.json()) as Partial<ShopInfo>;
    if (typeof body === 'object' && body !== null) configureShop(body);
  } catch {
    // unreachable or not JSON: the defaults
  }
}
