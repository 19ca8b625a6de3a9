// A modal dialog: focus moves in and is kept inside, Escape closes, focus returns to where it was. The keys are
// heard on the whole document, so that they work in every state: after a failed save, with the focus on the page
// behind (a click on the backdrop's edge), or on a control that a re-render removed.
import { useEffect, useId, useRef } from 'react';

export interface DialogProps {
  title: string;
  onClose(): void;
  children: React.ReactNode;
  /// `side`: a panel along the right edge, full height (a form beside the list it changes); `center` by default.
  placement?: 'center' | 'side';
}

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), textarea:not([disabled]), select, a[href], [tabindex]:not([tabindex="-1"])';

/// Dialogs open now, the newest last: only the newest hears the keys.
const open: HTMLElement[] = [];

export function Dialog({ title, onClose, children, placement = 'center' }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current!;
    open.push(dialog);
    const previous = document.activeElement as HTMLElement | null;
    dialog.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    const onKeyDown = (e: KeyboardEvent) => {
      if (open[open.length - 1] !== dialog) return;
      if (e.key === 'Escape') {
        e.stopPropagation();
        close.current();
        return;
      }
      if (e.key !== 'Tab') return;
      const items = Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE));
      if (!items.length) return;
      const first = items[0]!;
      const last = items[items.length - 1]!;
      const inside = dialog.contains(document.activeElement);
      if (!inside || (e.shiftKey && document.activeElement === first)) {
        e.preventDefault();
        (e.shiftKey ? last : first).focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      open.splice(open.indexOf(dialog), 1);
      previous?.focus();
    };
  }, []);
  return (
    <div
      className={placement === 'side' ? 'dialog-backdrop dialog-backdrop-side' : 'dialog-backdrop'}
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
    >
      <div
        className={placement === 'side' ? 'dialog dialog-side' : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        ref={ref}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}
