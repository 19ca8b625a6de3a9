import { beforeEach, describe, expect, it } from 'vitest';
import { basket, basketTotalCents } from './basket';

const fudge = { sweet: 1, name: 'Fudge', price: '3.50', amount: 2, stock: 5 };

describe('basket', () => {
  beforeEach(() => basket.clear());

  it('adds to a line that is there, changes and removes lines, and totals in cents', () => {
    basket.add(fudge);
    basket.add({ ...fudge, amount: 1, stock: 4 });
    basket.add({ sweet: 2, name: 'Cola', price: '0.10', amount: 3, stock: 9 });
    expect(basket.lines().map((l) => [l.sweet, l.amount, l.stock])).toEqual([
      [1, 3, 4],
      [2, 3, 9],
    ]);
    expect(basketTotalCents(basket.lines())).toBe(1080); // 10.50 + 0.30, no float drift
    basket.setAmount(2, 1);
    basket.setStock(1, 0);
    basket.remove(1);
    expect(basket.lines()).toEqual([{ sweet: 2, name: 'Cola', price: '0.10', amount: 1, stock: 9 }]);
  });

  it('is kept in localStorage and ignores what is not a line', () => {
    basket.add(fudge);
    expect(JSON.parse(window.localStorage.getItem('sweetshop.basket') ?? '[]')).toEqual([fudge]);
    basket.clear();
    expect(window.localStorage.getItem('sweetshop.basket')).toBeNull();
    window.localStorage.setItem('sweetshop.basket', JSON.stringify([fudge, { sweet: 'x' }]));
    window.dispatchEvent(new StorageEvent('storage', { key: 'sweetshop.basket' }));
    expect(basket.lines()).toEqual([fudge]);
  });
});
