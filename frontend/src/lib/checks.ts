// The API's rules for money and whole numbers, checked as people type, in the same words the API's own messages
// get (lib/messages.ts): the form says what is wrong before anything is sent. The API checks again.
import { shopWords } from './messages';

/// A price or cost as the API takes it: up to 6 digits, and at most 2 decimals ("3.50"); blank is left to the
/// field's own required check.
export function checkMoney(text: string): string | null {
  const t = text.trim();
  if (t === '') return null;
  if (!/^\d*\.?\d*$/.test(t) || t === '.') return shopWords('A valid number is required.');
  const [whole = '', cents = ''] = t.split('.');
  if (cents.length > 2) return shopWords('Ensure that there are no more than 2 decimal places.');
  if (whole.replace(/^0+(?=\d)/, '').length > 6)
    return shopWords('Ensure that there are no more than 6 digits before the decimal point.');
  return null;
}

/// A whole number of at least `min` (a count, grams, a level); blank is left to the field's own required check.
export function checkWhole(text: string, min = 0): string | null {
  const t = text.trim();
  if (t === '') return null;
  if (!/^-?\d+$/.test(t)) return shopWords('A valid integer is required.');
  if (Number(t) < min) return shopWords(`Ensure this value is greater than or equal to ${min}.`);
  if (Number(t) > 2147483647) return shopWords('Ensure this value is less than or equal to 2147483647.');
  return null;
}

/// The field's errors to show: what the typing broke, else what the API said.
export function liveErrors(live: string | null, api: string[] | undefined): string[] | undefined {
  return live ? [live] : api;
}
