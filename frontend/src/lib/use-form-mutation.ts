import { type UseMutationOptions, useMutation } from '@tanstack/react-query';
import { useFormErrors } from './use-form-errors';

/// Every form's submission: TanStack Query's useMutation, with the API's field errors under the form's own
/// `fields` and the rest (other fields, a {"detail"} answer, a network fault) as one message. `busy` is true while
/// the request runs; errors are cleared when the next one starts.
export function useFormMutation<TData, TVariables = void>(
  fields: readonly string[],
  options: Pick<UseMutationOptions<TData, unknown, TVariables>, 'mutationFn' | 'onSuccess' | 'onError'>,
) {
  const errors = useFormErrors(fields);
  const mutation = useMutation<TData, unknown, TVariables>({
    ...options,
    onMutate: () => errors.clear(),
    onError: (error, variables, context, mutationContext) => {
      errors.fail(error);
      return options.onError?.(error, variables, context, mutationContext);
    },
  });
  return {
    /// Starts the request (a second submit while one runs is ignored).
    submit: (variables: TVariables) => {
      if (!mutation.isPending) mutation.mutate(variables);
    },
    busy: mutation.isPending,
    errors,
  };
}

/// A form's onSubmit: no page load, then `submit()`.
export function onSubmit(submit: () => void) {
  return (e: React.FormEvent) => {
    e.preventDefault();
    submit();
  };
}
