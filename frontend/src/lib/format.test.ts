import { afterEach, describe, expect, it } from 'vitest';
import { configureShop, DEFAULT_SHOP, shop } from './shop';
import {
  amountValue,
  formatAmount,
  formatCount,
  formatDay,
  formatPrice,
  formatUnitPrice,
  lineCents,
  newIdempotencyKey,
  formatCents,
  formatNumber,
  plural,
} from './format';

describe('format', () => {
  it('shows the API price strings as money', () => {
    expect(formatPrice('3.50')).toBe('$3.50');
    expect(formatPrice('999999.99')).toBe('$999,999.99');
    expect(formatPrice('oops')).toBe('oops');
    expect(formatCount(1, 'sweet', 'sweets')).toBe('1 sweet');
    expect(formatCount(1200, 'sweet', 'sweets')).toBe('1,200 sweets');
  });

  it('sends whole amounts as numbers and anything else as typed', () => {
    expect(amountValue(' 3 ')).toBe(3);
    expect(amountValue('0')).toBe(0);
    expect(amountValue('2.5')).toBe('2.5');
    expect(amountValue('')).toBe('');
    expect(amountValue('abc')).toBe('abc');
  });

  it('makes a new Idempotency-Key each time', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f-]{32,36}$/);
  });
});

describe('weighed money', () => {
  it('rounds a gram line to the cent half up, as the server does', () => {
    expect(lineCents('gram', '3.00', 125)).toBe(38);
    expect(lineCents('gram', '2.50', 1)).toBe(0);
    expect(lineCents('gram', '2.50', 2)).toBe(1);
    expect(lineCents('gram', '999999.99', 2147483647)).toBe(214748362552516);
    expect(lineCents('piece', '3.00', 125)).toBe(37500);
    expect(lineCents(undefined, '0.50', 3)).toBe(150);
  });
  it('shows weights and prices per kilogram', () => {
    expect(formatAmount('gram', 1250)).toBe('1,250 g');
    expect(formatAmount('piece', 3)).toBe('3');
    expect(formatUnitPrice('gram', '12.99')).toMatch(/12\.99\/kg$/);
    expect(formatDay('2026-12-05')).toBe('5 Dec 2026');
  });
});

describe("the shop's currency, locale and plurals", () => {
  afterEach(() => configureShop(DEFAULT_SHOP));

  it('writes money in the configured currency and locale', () => {
    expect(formatPrice('1234.5')).toBe('$1,234.50');
    configureShop({ currency: 'EUR', locale: 'de-DE' });
    expect(formatPrice('1234.5')).toBe('1.234,50\u00a0€');
    expect(formatCents(350)).toBe('3,50\u00a0€');
    expect(formatNumber(1250)).toBe('1.250');
    configureShop({ currency: 'GBP', locale: 'en-GB' });
    expect(formatUnitPrice('gram', '12.99')).toBe('£12.99/kg');
  });

  it('keeps the last good settings for a currency or locale the browser does not know', () => {
    configureShop({ currency: 'NOT-A-CURRENCY', locale: 'en-GB' });
    expect(shop().currency).toBe('USD');
    expect(formatPrice('1')).toBe('$1.00');
  });

  it("chooses the plural with the locale's rules", () => {
    expect(formatCount(1, 'sweet', 'sweets')).toBe('1 sweet');
    expect(formatCount(0, 'sweet', 'sweets')).toBe('0 sweets');
    expect(formatCount(1001, 'sweet', 'sweets')).toBe('1,001 sweets');
    expect(plural(1, 'item', 'items')).toBe('item');
    expect(plural(2, 'item', 'items')).toBe('items');
  });
});
