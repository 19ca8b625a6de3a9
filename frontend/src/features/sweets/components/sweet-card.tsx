import { Link } from 'react-router';
import { BestBefore } from '@/components/ui/best-before';
import { SweetPhoto } from '@/components/ui/sweet-photo';
import { formatAmount, formatUnitPrice } from '@/lib/format';
import type { Sweet } from '@/lib/api/sweets';
import { PurchaseForm } from './purchase-form';

export function SweetCard({ sweet }: { sweet: Sweet }) {
  const stock = sweet.quantity;
  return (
    <article className="sweet-card" aria-labelledby={`sweet-${sweet.id}-name`} data-testid="sweet-card">
      <Link to={`/sweets/${sweet.id}`} tabIndex={-1} aria-hidden="true">
        <SweetPhoto name={sweet.name} src={sweet.thumbnail} />
      </Link>
      <header className="sweet-card-head">
        <h3 id={`sweet-${sweet.id}-name`}>
          <Link to={`/sweets/${sweet.id}`}>{sweet.name}</Link>
        </h3>
        <span className="badge">{sweet.category}</span>
      </header>
      <p className="sweet-description">{sweet.description || <span className="muted">No description.</span>}</p>
      <div className="sweet-facts">
        <span className="price">{formatUnitPrice(sweet.unit, sweet.price)}</span>
        <span
          className={stock === 0 ? 'stock stock-out' : stock <= 5 ? 'stock stock-low' : 'stock'}
          data-testid="stock"
        >
          {stock === 0 ? 'Out of stock' : `${formatAmount(sweet.unit, stock)} in stock`}
        </span>
      </div>
      <BestBefore day={sweet.best_before} />
      <PurchaseForm sweet={sweet} />
    </article>
  );
}
