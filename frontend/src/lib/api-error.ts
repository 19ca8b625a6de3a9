// The contract's two error shapes, {"detail": ...} and {"field": ["message", ...]}, turned into the shop's words
// (lib/messages.ts); the API's own message stays in `apiMessage`.
import { formatCount } from './format';
import { shopWords, shortWords } from './messages';
export type FieldErrors = Record<string, string[]>;

export class ApiError extends Error {
  readonly status: number;
  readonly fieldErrors: FieldErrors;
  readonly code: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  /// The answer's JSON as sent (for answers with more than words, such as the short lines of an order).
  readonly body: unknown;
  /// The API's own words (a {"detail"} answer's), before the shop's words replaced them.
  readonly apiMessage: string;

  constructor(
    status: number,
    message: string,
    options: {
      fieldErrors?: FieldErrors;
      code?: string;
      retryAfterSeconds?: number;
      body?: unknown;
      apiMessage?: string;
    } = {},
  ) {
    super(message);
    this.apiMessage = options.apiMessage ?? message;
    this.name = 'ApiError';
    this.status = status;
    this.fieldErrors = options.fieldErrors ?? {};
    this.code = options.code;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.body = options.body;
  }
}

export const NETWORK_MESSAGE = 'Cannot reach the shop. Check your connection and try again.';

/// "min_price" -> "Min price"
export function fieldLabel(field: string): string {
  const words = field.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function statusMessage(status: number): string {
  if (status === 0) return NETWORK_MESSAGE;
  if (status === 401) return 'Please sign in again.';
  if (status === 403) return 'You do not have permission to do that.';
  if (status === 404) return 'Not found.';
  if (status === 429) return 'Too many requests. Try again later.';
  if (status >= 500) return `The shop is having trouble right now (HTTP ${status}). Please try again.`;
  return `The request failed (HTTP ${status}).`;
}

/// A field's messages: a list of words, or nested errors (one object per line of a list, or an object's own fields)
/// as "Line 2: Amount: ..." and "Tendered: ...".
function messagesOf(value: unknown): string[] {
  if (typeof value === 'string') return [shopWords(value)];
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => {
      if (typeof item === 'string') return [shopWords(item)];
      if (typeof item !== 'object' || item === null) return [];
      return nestedMessages(item as Record<string, unknown>).map((m) => `Line ${i + 1}: ${m}`);
    });
  }
  if (typeof value === 'object' && value !== null) return nestedMessages(value as Record<string, unknown>);
  return [];
}

function nestedMessages(record: Record<string, unknown>): string[] {
  return Object.entries(record).flatMap(([field, value]) =>
    messagesOf(value).map((m) => (field === 'non_field_errors' ? m : `${fieldLabel(field)}: ${m}`)),
  );
}

/// Maps an error response's status and parsed JSON body (or null when it was not JSON) to an ApiError.
export function toApiError(status: number, body: unknown, retryAfter?: string | null): ApiError {
  const retryAfterSeconds = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const record = body as Record<string, unknown>;
    if (typeof record.detail === 'string') {
      const code = typeof record.code === 'string' ? record.code : undefined;
      // A refused purchase says what is left (`available`, after the contract's detail).
      const words = typeof record.available === 'number' ? shortWords(record.available) : shopWords(record.detail);
      return new ApiError(status, words, { code, retryAfterSeconds, body, apiMessage: record.detail });
    }
    const fieldErrors: FieldErrors = {};
    for (const [field, value] of Object.entries(record)) {
      const messages = messagesOf(value);
      if (messages.length) fieldErrors[field] = messages;
    }
    const entries = Object.entries(fieldErrors);
    if (entries.length) {
      const message = entries
        .map(([field, messages]) =>
          field === 'non_field_errors' ? messages.join(' ') : `${fieldLabel(field)}: ${messages.join(' ')}`,
        )
        .join(' ');
      return new ApiError(status, message, { fieldErrors, retryAfterSeconds, body });
    }
  }
  return new ApiError(status, statusMessage(status), { retryAfterSeconds });
}

/// "in about 14 minutes" for a Retry-After in seconds.
export function retryWhen(seconds: number): string {
  if (seconds < 60) return `in ${formatCount(seconds, 'second', 'seconds')}`;
  const minutes = Math.ceil(seconds / 60);
  return `in about ${formatCount(minutes, 'minute', 'minutes')}`;
}

/// Words for anything thrown by a request; with `field`, that field's messages when the answer has some (the one
/// field of an upload or a lookup).
export function errorMessage(error: unknown, field?: string): string {
  if (error instanceof ApiError) {
    const own = field ? error.fieldErrors[field] : undefined;
    if (own?.length) return own.join(' ');
    return error.retryAfterSeconds !== undefined && error.status === 429
      ? `${error.message} (${retryWhen(error.retryAfterSeconds)})`
      : error.message;
  }
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Please try again.';
}
