import { describe, expect, it } from 'vitest';
import { ApiError, errorMessage, fieldLabel, NETWORK_MESSAGE, toApiError } from './api-error';

describe('toApiError', () => {
  it('uses the detail of a {"detail"} answer in the shop\'s words, with its code', () => {
    const e = toApiError(400, { detail: 'Insufficient stock' });
    expect(e.message).toBe('Not enough in stock.');
    expect(e.apiMessage).toBe('Insufficient stock');
    expect(toApiError(400, { detail: 'Insufficient stock', available: 3 }).message).toBe('Only 3 left.');
    expect(toApiError(400, { detail: 'Insufficient stock', available: 0 }).message).toBe('Sold out.');
    expect(e.status).toBe(400);
    const t = toApiError(401, { detail: 'Given token not valid for any token type', code: 'token_not_valid' });
    expect(t.code).toBe('token_not_valid');
  });

  it('keeps every field error and words them with the field names', () => {
    const e = toApiError(400, {
      name: ['sweet with this name already exists.'],
      min_price: ['A valid number is required.'],
    });
    expect(e.fieldErrors).toEqual({
      name: ['A sweet with this name already exists.'],
      min_price: ['Enter a number, such as 3.50.'],
    });
    expect(e.message).toBe('Name: A sweet with this name already exists. Min price: Enter a number, such as 3.50.');
  });

  it('words nested errors per line and per field, and keeps the body', () => {
    const body = {
      lines: [{}, { amount: ['Ensure this value is greater than or equal to 1.'] }],
      payment: { tendered: ['Only cash is tendered.'] },
    };
    const e = toApiError(400, body);
    expect(e.fieldErrors).toEqual({
      lines: ['Line 2: Amount: Enter 1 or more.'],
      payment: ['Tendered: Only cash is tendered.'],
    });
    expect(e.body).toBe(body);
    const short = toApiError(400, { detail: 'Insufficient stock', unavailable: [{ sweet: 1 }] });
    expect(short.message).toBe('Not enough in stock.');
    expect(short.body).toEqual({ detail: 'Insufficient stock', unavailable: [{ sweet: 1 }] });
  });

  it('words non_field_errors without a field name', () => {
    const e = toApiError(400, { non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] });
    expect(e.message).toBe('Invalid data. Expected a dictionary, but got list.');
  });

  it('reads Retry-After on a throttled login and says when to try again', () => {
    const e = toApiError(429, { detail: 'Too many failed login attempts. Try again later.' }, '840');
    expect(e.retryAfterSeconds).toBe(840);
    expect(e.message).toBe('Too many wrong passwords. Try again later.');
    expect(errorMessage(e)).toBe('Too many wrong passwords. Try again later. (in about 14 minutes)');
    expect(errorMessage(toApiError(429, { detail: 'Slow down.' }, '1'))).toBe('Slow down. (in 1 second)');
    expect(errorMessage(toApiError(429, { detail: 'Slow down.' }, 'soon'))).toBe('Slow down.');
  });

  it('gives words for answers that are not the contract shape', () => {
    expect(toApiError(502, null).message).toBe('The shop is having trouble right now (HTTP 502). Please try again.');
    expect(toApiError(0, null).message).toBe(NETWORK_MESSAGE);
    expect(toApiError(403, ['x']).message).toBe('You do not have permission to do that.');
    expect(toApiError(418, {}).message).toBe('The request failed (HTTP 418).');
  });

  it('never shows "Unexpected error" for a thrown value', () => {
    expect(errorMessage(new ApiError(400, 'Insufficient stock'))).toBe('Insufficient stock');
    expect(errorMessage('boom')).toBe('Something went wrong. Please try again.');
    expect(fieldLabel('max_price')).toBe('Max price');
  });
});
