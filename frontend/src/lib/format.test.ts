import { describe, expect, it } from 'vitest';
import { amountValue, formatCount, formatPrice, newIdempotencyKey } from './format';

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
