// A row's less common actions behind one button ("More actions for Fudge"): a disclosure that lists them, closed
// by Escape (the focus back on its button), by a click elsewhere, or by choosing one.
import { useEffect, useId, useRef, useState } from 'react';
import { Button } from './button';

export interface RowMenuItem {
  label: string;
  /// The item's name for assistive technology ("Delete Fudge"), when the label alone is ambiguous in a table.
  name?: string;
  danger?: boolean;
  onSelect(): void;
}

export function RowMenu({ label, items }: { label: string; items: RowMenuItem[] }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    root.current?.querySelector<HTMLButtonElement>('.row-menu-list button')?.focus();
    return () => document.removeEventListener('mousedown', away);
  }, [open]);
  return (
    // oxlint-disable-next-line jsx-a11y/no-static-element-interactions -- Escape closes the list
    <div
      className="row-menu"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          toggle.current?.focus();
        }
      }}
    >
      <button
        type="button"
        ref={toggle}
        className="btn btn-secondary"
        aria-expanded={open}
        aria-controls={id}
        aria-label={label}
        onClick={() => setOpen(!open)}
      >
        ⋯
      </button>
      {open ? (
        <ul className="row-menu-list" id={id}>
          {items.map((item) => (
            <li key={item.label}>
              <Button
                variant={item.danger ? 'danger' : 'secondary'}
                aria-label={item.name}
                onClick={() => {
                  setOpen(false);
                  item.onSelect();
                }}
              >
                {item.label}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
