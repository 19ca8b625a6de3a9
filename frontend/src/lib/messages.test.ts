import { describe, expect, it } from 'vitest';
import { shopWords, shortWords } from './messages';

describe('the message table', () => {
  it("gives the shop's words for the API's messages", () => {
    expect(shopWords('No active account found with the given credentials')).toBe('Wrong username or password.');
    expect(shopWords('sweet with this name already exists.')).toBe('A sweet with this name already exists.');
    expect(shopWords('A valid integer is required.')).toBe('Enter a whole number.');
    expect(shopWords('This field may not be blank.')).toBe('Fill this in.');
    expect(shopWords('A user with that username already exists.')).toBe('That username is taken. Choose another.');
  });

  it('keeps the numbers of the messages that have them', () => {
    expect(shopWords('Ensure this value is greater than or equal to 1.')).toBe('Enter 1 or more.');
    expect(shopWords('Ensure this value is less than or equal to 2147483647.')).toBe('Enter 2147483647 or less.');
    expect(shopWords('Ensure this field has no more than 150 characters.')).toBe('Use at most 150 characters.');
    expect(shopWords('Ensure this field has at least 8 characters.')).toBe('Use at least 8 characters.');
    expect(shopWords('Ensure this value is between 1 and 100.')).toBe('Enter a number from 1 to 100.');
    expect(shopWords('Only admins can restock.')).toBe('Only staff can do that.');
  });

  it('leaves a message it does not know as it is', () => {
    expect(shopWords('The file is too large: at most 5120 KiB are taken.')).toBe(
      'The file is too large: at most 5120 KiB are taken.',
    );
    expect(shopWords('')).toBe('');
  });

  it('says what is left of a sweet', () => {
    expect(shortWords(3)).toBe('Only 3 left.');
    expect(shortWords(250, 'gram')).toBe('Only 250 g left.');
    expect(shortWords(0)).toBe('Sold out.');
  });
});
