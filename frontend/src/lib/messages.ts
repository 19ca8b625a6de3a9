// The shop's own words for the API's messages. The API keeps the original's (Django REST framework's) words, which
// its old clients rely on; the web app shows these instead. One table: a message not in it is shown as it is.
import { formatAmount } from './format';

interface Rule {
  /// The API's message: exactly, or a pattern whose groups the words use.
  api: string | RegExp;
  words: string | ((...groups: string[]) => string);
}

const RULES: Rule[] = [
  // Signing in and accounts
  { api: 'No active account found with the given credentials', words: 'Wrong username or password.' },
  { api: 'No active account found for the given token.', words: 'This account is no longer active.' },
  { api: 'Given token not valid for any token type', words: 'Please sign in again.' },
  { api: 'Authentication credentials were not provided.', words: 'Please sign in.' },
  { api: 'Too many failed login attempts. Try again later.', words: 'Too many wrong passwords. Try again later.' },
  { api: 'A user with that username already exists.', words: 'That username is taken. Choose another.' },
  {
    api: 'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.',
    words: 'Use only letters, digits and @ . + - _ in a username.',
  },
  { api: /^Ensure this field has at least (\d+) characters\.$/, words: (n) => `Use at least ${n} characters.` },
  { api: 'This password is too common.', words: 'This password is too common. Choose another.' },
  { api: 'This password is entirely numeric.', words: 'Use letters as well as digits.' },
  // Fields
  { api: 'This field is required.', words: 'Fill this in.' },
  { api: 'This field may not be blank.', words: 'Fill this in.' },
  { api: 'This field may not be null.', words: 'Fill this in.' },
  { api: 'A valid integer is required.', words: 'Enter a whole number.' },
  { api: 'A valid number is required.', words: 'Enter a number, such as 3.50.' },
  { api: 'Ensure that there are no more than 2 decimal places.', words: 'Use at most 2 decimal places.' },
  {
    api: /^Ensure that there are no more than (\d+) digits (?:in total|before the decimal point)\.$/,
    words: () => 'That amount is too large.',
  },
  { api: /^Ensure this field has no more than (\d+) characters\.$/, words: (n) => `Use at most ${n} characters.` },
  { api: /^Ensure this value is greater than or equal to (\d+)\.$/, words: (n) => `Enter ${n} or more.` },
  { api: /^Ensure this value is less than or equal to (\d+)\.$/, words: (n) => `Enter ${n} or less.` },
  { api: /^Ensure this value is between (\d+) and (\d+)\.$/, words: (a, b) => `Enter a number from ${a} to ${b}.` },
  { api: 'Enter a valid email address.', words: 'Enter an email address, such as ann@example.com.' },
  { api: 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.', words: 'Enter a date.' },
  // The catalogue and stock
  { api: 'sweet with this name already exists.', words: 'A sweet with this name already exists.' },
  { api: 'No Sweet matches the given query.', words: 'This sweet is no longer in the shop.' },
  { api: 'Insufficient stock', words: 'Not enough in stock.' },
  { api: /^Only admins can .*\.$/, words: () => 'Only staff can do that.' },
  { api: 'You do not have permission to perform this action.', words: 'You do not have permission to do that.' },
  // The server
  { api: 'Invalid page.', words: 'That page does not exist any more.' },
  { api: 'Request body too large.', words: 'That is too much to send at once.' },
  { api: 'Database unavailable.', words: 'The shop is having trouble right now. Please try again.' },
  { api: 'A server error occurred.', words: 'The shop is having trouble right now. Please try again.' },
  {
    api: 'A request with this Idempotency-Key is in progress.',
    words: 'That is still being done. Wait a moment.',
  },
];

/// The shop's words for one of the API's messages (the message itself when the table has none).
export function shopWords(message: string): string {
  for (const rule of RULES) {
    if (typeof rule.api === 'string') {
      if (rule.api === message) return typeof rule.words === 'string' ? rule.words : rule.words();
      continue;
    }
    const m = rule.api.exec(message);
    if (m) return typeof rule.words === 'string' ? rule.words : rule.words(...m.slice(1));
  }
  return message;
}

/// "Only 3 left." for a refused purchase that says what is left (the API's `available`, after the contract's
/// detail); "Sold out." when nothing is.
export function shortWords(available: number, unit?: 'piece' | 'gram'): string {
  if (available <= 0) return 'Sold out.';
  return `Only ${formatAmount(unit, available)} left.`;
}
