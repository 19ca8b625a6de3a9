import { Link } from 'react-router';
import { BestBefore } from '@/components/ui/best-before';
import { SweetPhoto } from '@/components/ui/sweet-photo';
import { useSession } from '@/lib/api-context';
import { formatAmount, formatUnitPrice, type Unit } from '@/lib/format';
import type { Sweet } from '@/lib/api/sweets';
import { PurchaseForm } from './purchase-form';

/// Few enough left to say so: 5 pieces, or 500 g of a sweet sold by weight.
export function fewLeft(unit: Unit | undefined, amount: number): boolean {
  return amount <= (unit === 'gram' ? 500 : 5);
}

/// What a card says of the stock: staff see the count; customers see "In stock", "Only 3 left" or "Sold out".
export function stockWords(unit: Unit | undefined, amount: number, staff: boolean): string {
  if (amount <= 0) return 'Sold out';
  if (staff) return `${formatAmount(unit, amount)} in stock`;
  return fewLeft(unit, amount) ? `Only ${formatAmount(unit, amount)} left` : 'In stock';
}

export function SweetCard({ sweet }: { sweet: Sweet }) {
  const stock = sweet.quantity;
  const staff = useSession()?.user.is_staff ?? false;
  return (
    <article className="sweet-card" aria-labelledby={`sweet-${sweet.id}-name`} data-testid="sweet-card">
      <Link to={`/sweets/${sweet.id}`} tabIndex={-1} aria-hidden="true" className="sweet-card-photo">
        <SweetPhoto name={sweet.name} src={sweet.thumbnail} />
      </Link>
      <header className="sweet-card-head">
        <h2 id={`sweet-${sweet.id}-name`}>
          <Link to={`/sweets/${sweet.id}`}>{sweet.name}</Link>
        </h2>
        <span className="badge">{sweet.category}</span>
      </header>
      <p className="sweet-description">{sweet.description || <span className="muted">No description.</span>}</p>
      <div className="sweet-facts">
        <span className="price">{formatUnitPrice(sweet.unit, sweet.price)}</span>
        <span
          className={stock <= 0 ? 'badge badge-out sold-out' : fewLeft(sweet.unit, stock) ? 'stock stock-low' : 'stock'}
          data-testid="stock"
        >
          {stockWords(sweet.unit, stock, staff)}
        </span>
      </div>
      <BestBefore day={sweet.best_before} />
      <PurchaseForm sweet={sweet} />
    </article>
  );
}
