import { onShopChange, shop } from './shop';

// Built once per shop setting: money in the shop's currency and locale, numbers and plurals in its locale.
let money: Intl.NumberFormat | null = null;
let numbers: Intl.NumberFormat | null = null;
let plurals: Intl.PluralRules | null = null;
onShopChange(() => {
  money = numbers = plurals = null;
});

/// A price string ("3.50") for display ("$3.50", or "3,50 €" for EUR in de-DE).
export function formatPrice(price: string): string {
  const value = Number(price);
  money ??= new Intl.NumberFormat(shop().locale, { style: 'currency', currency: shop().currency });
  return Number.isFinite(value) ? money.format(value) : price;
}

/// A whole number as the shop's locale writes it ("1,250").
export function formatNumber(n: number): string {
  numbers ??= new Intl.NumberFormat(shop().locale);
  return numbers.format(n);
}

/// The word for `n` of something: `one` for the locale's singular ("1 sweet"), `many` otherwise.
export function plural(n: number, one: string, many: string): string {
  plurals ??= new Intl.PluralRules(shop().locale);
  return plurals.select(n) === 'one' ? one : many;
}

/// The API's money string ("3.50", or one typed at the till) in whole cents, for sums without float drift.
export function priceCents(price: string): number {
  return Math.round(Number(price) * 100);
}

/// Cents for display ("$3.50").
export function formatCents(cents: number): string {
  return formatPrice((cents / 100).toFixed(2));
}

export function formatCount(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${plural(n, one, many)}`;
}

/// A fresh Idempotency-Key: a retried purchase or restock with the same key never applies twice.
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto && window.isSecureContext) return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/// A typed amount for the API: a whole number as a number, anything else as typed (trimmed), so the API's own
/// message says what is wrong with it ("A valid integer is required.").
export function amountValue(text: string): number | string {
  const trimmed = text.trim();
  const n = Number(trimmed);
  return trimmed !== '' && Number.isInteger(n) ? n : trimmed;
}

/// A time as people read it ("1 Dec 2026, 17:56"), in the browser's time zone.
export function formatWhen(timestamp: string): string {
  return new Date(timestamp).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/// A calendar day (YYYY-MM-DD, the shop's) as people read it: "5 Dec 2026".
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/// How a sweet is sold: by the piece, or by the gram (its price per kilogram).
export type Unit = 'piece' | 'gram';

/// The money of `amount` at `price` as the server computes it: price x pieces, or for grams the price per kilogram
/// x grams / 1000 rounded to the cent half up (exactly, in BigInt).
export function lineCents(unit: Unit | undefined, price: string, amount: number): number {
  const cents = priceCents(price);
  if (unit !== 'gram') return cents * amount;
  return Number((BigInt(cents) * BigInt(amount) + 500n) / 1000n);
}

/// An amount as people read it: "3", or "250 g".
export function formatAmount(unit: Unit | undefined, amount: number): string {
  return unit === 'gram' ? `${formatNumber(amount)} g` : formatNumber(amount);
}

/// A price as people read it: "£3.50", or "£12.99/kg".
export function formatUnitPrice(unit: Unit | undefined, price: string): string {
  return unit === 'gram' ? `${formatPrice(price)}/kg` : formatPrice(price);
}

/// "2 × Fudge" or "250 g of Toffee".
export function amountOf(item: { name: string; unit?: Unit | undefined }, amount: number): string {
  return item.unit === 'gram' ? `${formatAmount('gram', amount)} of ${item.name}` : `${amount} × ${item.name}`;
}
