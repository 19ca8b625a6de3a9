import { describe, expect, it } from 'vitest';
import { checkMoney, checkWhole, liveErrors } from './checks';

describe('checks as you type', () => {
  it('takes prices as the API does', () => {
    for (const ok of ['3.50', '3', '0.5', '.5', '999999.99', '', ' 2.00 ']) expect(checkMoney(ok)).toBeNull();
    expect(checkMoney('abc')).toBe('Enter a number, such as 3.50.');
    expect(checkMoney('1,50')).toBe('Enter a number, such as 3.50.');
    expect(checkMoney('-1')).toBe('Enter a number, such as 3.50.');
    expect(checkMoney('3.555')).toBe('Use at most 2 decimal places.');
    expect(checkMoney('1234567')).toBe('That amount is too large.');
  });

  it('takes whole numbers as the API does', () => {
    for (const ok of ['0', '12', '']) expect(checkWhole(ok)).toBeNull();
    expect(checkWhole('1.5')).toBe('Enter a whole number.');
    expect(checkWhole('ten')).toBe('Enter a whole number.');
    expect(checkWhole('-1')).toBe('Enter 0 or more.');
    expect(checkWhole('0', 1)).toBe('Enter 1 or more.');
    expect(checkWhole('2147483648')).toBe('Enter 2147483647 or less.');
  });

  it("shows the typing's error first, else the API's", () => {
    expect(liveErrors('Enter a whole number.', ['Fill this in.'])).toEqual(['Enter a whole number.']);
    expect(liveErrors(null, ['Fill this in.'])).toEqual(['Fill this in.']);
    expect(liveErrors(null, undefined)).toBeUndefined();
  });
});
