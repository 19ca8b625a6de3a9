// The basket: the lines a customer means to order, kept in localStorage so that they survive a reload (and follow
// other tabs), observable from React. It keeps the name, price and stock as last seen, to show and warn; the server
// decides at checkout.
import { useSyncExternalStore } from 'react';
import { lineCents, type Unit } from './format';

export interface BasketLine {
  sweet: number;
  name: string;
  price: string;
  amount: number;
  /// gram: the price is per kilogram and the amount grams
  unit?: Unit;
  /// The stock when the sweet was last seen.
  stock: number;
}

const KEY = 'sweetshop.basket';
const listeners = new Set<() => void>();
let cached: BasketLine[] | undefined;

function isLine(value: unknown): value is BasketLine {
  if (typeof value !== 'object' || value === null) return false;
  const l = value as Record<string, unknown>;
  return (
    typeof l.sweet === 'number' &&
    typeof l.name === 'string' &&
    typeof l.price === 'string' &&
    typeof l.amount === 'number' &&
    typeof l.stock === 'number'
  );
}

function read(): BasketLine[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isLine) : [];
  } catch {
    return [];
  }
}

function write(lines: BasketLine[]) {
  cached = lines;
  if (lines.length) window.localStorage.setItem(KEY, JSON.stringify(lines));
  else window.localStorage.removeItem(KEY);
  listeners.forEach((l) => l());
}

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === KEY || e.key === null) {
      cached = undefined;
      listeners.forEach((l) => l());
    }
  });
}

export const basket = {
  lines(): BasketLine[] {
    cached ??= read();
    return cached;
  },
  /// Adds `amount` of a sweet (to its line when it is there already).
  add(line: BasketLine) {
    const lines = basket.lines();
    const existing = lines.find((l) => l.sweet === line.sweet);
    write(
      existing
        ? lines.map((l) => (l.sweet === line.sweet ? { ...line, amount: l.amount + line.amount } : l))
        : [...lines, line],
    );
  },
  setAmount(sweet: number, amount: number) {
    write(basket.lines().map((l) => (l.sweet === sweet ? { ...l, amount } : l)));
  },
  /// What the server said is left (an Insufficient-stock answer).
  setStock(sweet: number, stock: number) {
    write(basket.lines().map((l) => (l.sweet === sweet ? { ...l, stock } : l)));
  },
  remove(sweet: number) {
    write(basket.lines().filter((l) => l.sweet !== sweet));
  },
  clear() {
    write([]);
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};

export function useBasket(): BasketLine[] {
  return useSyncExternalStore(basket.subscribe, basket.lines, basket.lines);
}

/// The basket's total in cents, from the prices last seen.
export function basketTotalCents(lines: BasketLine[]): number {
  return lines.reduce((sum, l) => sum + lineCents(l.unit, l.price, l.amount), 0);
}
