import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { BestBefore } from '@/components/ui/best-before';
import { SweetPhoto } from '@/components/ui/sweet-photo';
import { availabilityClass, availabilityText, type StorefrontSweet } from '@/lib/api/storefront';
import { basket } from '@/lib/basket';
import { formatUnitPrice } from '@/lib/format';

/// The stock a basket line remembers for a storefront sweet: what is left when low, none when sold out, otherwise
/// unknown (the server decides at checkout).
export const shownStock = (s: StorefrontSweet) =>
  s.availability === 'sold_out' ? 0 : s.availability === 'low' ? (s.left ?? 1) : Number.MAX_SAFE_INTEGER;

export function AddToBasket({ sweet, onAdded }: { sweet: StorefrontSweet; onAdded?(message: string): void }) {
  const soldOut = sweet.availability === 'sold_out';
  return (
    <Button
      variant="secondary"
      disabled={soldOut}
      onClick={() => {
        // Loose sweets go in by the 100 g, changed in the basket.
        const amount = sweet.unit === 'gram' ? 100 : 1;
        basket.add({
          sweet: sweet.id,
          name: sweet.name,
          price: sweet.price,
          amount,
          stock: shownStock(sweet),
          unit: sweet.unit,
        });
        onAdded?.(`Added ${sweet.unit === 'gram' ? '100 g of ' : ''}${sweet.name} to the basket.`);
      }}
    >
      {soldOut ? 'Sold out' : sweet.unit === 'gram' ? 'Add 100 g' : 'Add to basket'}
    </Button>
  );
}

export function StorefrontCard({ sweet, onAdded }: { sweet: StorefrontSweet; onAdded?(message: string): void }) {
  return (
    <article className="sweet-card" aria-labelledby={`shop-${sweet.id}-name`} data-testid="sweet-card">
      <Link to={`/sweets/${sweet.id}`} tabIndex={-1} aria-hidden="true">
        <SweetPhoto name={sweet.name} src={sweet.thumbnail} />
      </Link>
      <header className="sweet-card-head">
        <h2 id={`shop-${sweet.id}-name`}>
          <Link to={`/sweets/${sweet.id}`}>{sweet.name}</Link>
        </h2>
        <span className="badge">{sweet.category}</span>
      </header>
      <div className="sweet-facts">
        <span className="price">{formatUnitPrice(sweet.unit, sweet.price)}</span>
        <span className={availabilityClass(sweet)} data-testid="availability">
          {availabilityText(sweet)}
        </span>
      </div>
      <BestBefore day={sweet.best_before} />
      <AddToBasket sweet={sweet} onAdded={onAdded} />
    </article>
  );
}
