import { useState } from 'react';
import { ApiError, type FieldErrors, errorMessage } from './api-error';

/// Field errors from the API, shown next to their fields, and a message for the rest (fields the form does not
/// show, or a {"detail"} answer).
export function useFormErrors(fields: readonly string[]) {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  return {
    fieldErrors,
    message,
    /// The last failure as thrown (an ApiError keeps the answer's body), null after clear().
    error: failure,
    clear() {
      setFieldErrors({});
      setMessage(null);
      setFailure(null);
    },
    fail(error: unknown) {
      setFailure(error);
      if (error instanceof ApiError && Object.keys(error.fieldErrors).length) {
        const shown: FieldErrors = {};
        const rest: string[] = [];
        for (const [field, messages] of Object.entries(error.fieldErrors)) {
          if (fields.includes(field)) shown[field] = messages;
          else rest.push(...messages);
        }
        setFieldErrors(shown);
        setMessage(rest.length ? rest.join(' ') : null);
      } else {
        setFieldErrors({});
        setMessage(errorMessage(error));
      }
    },
  };
}
