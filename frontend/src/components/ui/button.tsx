import type { ButtonHTMLAttributes } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  busy?: boolean;
}

/// A button. While `busy` (its work in flight) it stays enabled for focus, so that the keyboard's place is kept, but
/// says so (`aria-disabled`, `aria-busy`) and ignores clicks and the form submissions they would start; `disabled`
/// is for a button that cannot be used at all.
export function Button({
  variant = 'primary',
  busy = false,
  className,
  disabled,
  onClick,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      type="button"
      {...rest}
      className={['btn', `btn-${variant}`, className].filter(Boolean).join(' ')}
      disabled={disabled}
      aria-disabled={busy || undefined}
      aria-busy={busy || undefined}
      onClick={(e) => {
        if (busy) {
          e.preventDefault(); // also cancels the submission a submit button's click would start
          return;
        }
        onClick?.(e);
      }}
    >
      {children}
    </button>
  );
}
