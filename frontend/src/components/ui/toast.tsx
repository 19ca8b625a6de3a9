// Toasts: a short confirmation ("Bought 2 × Fudge for $7.00") at the foot of the screen, read out by screen readers
// (one polite live region that is always there), gone after a while or when closed. Any component may raise one.
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';

export interface Toast {
  id: number;
  text: string;
  kind: 'success' | 'error';
}

type Show = (text: string, kind?: Toast['kind']) => void;

const ToastContext = createContext<Show>(() => undefined);

/// How long a toast stays (longer than it takes to read two lines).
export const TOAST_MS = 6000;

export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  const close = useCallback((id: number) => {
    setToasts((all) => all.filter((t) => t.id !== id));
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
  }, []);
  const show = useCallback<Show>(
    (text, kind = 'success') => {
      const id = next.current++;
      // At most three at once: the oldest goes.
      setToasts((all) => [...all.slice(-2), { id, text, kind }]);
      timers.current.set(
        id,
        setTimeout(() => close(id), TOAST_MS),
      );
    },
    [close],
  );
  useEffect(() => {
    const all = timers.current;
    return () => all.forEach((t) => clearTimeout(t));
  }, []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="toasts" aria-live="polite" data-testid="toasts">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.kind}`} data-testid="toast">
            <span>{t.text}</span>
            <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => close(t.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

/// Raises a toast: `toast("Saved Fudge.")`.
export function useToast(): Show {
  return useContext(ToastContext);
}
