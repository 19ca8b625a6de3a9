// One sweet for anyone: its photo, description, price and availability, and the basket.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Spinner } from '@/components/ui/alert';
import { BestBefore } from '@/components/ui/best-before';
import { SweetPhoto } from '@/components/ui/sweet-photo';
import { ApiError, errorMessage } from '@/lib/api-error';
import { availabilityClass, availabilityText, useStorefrontSweet } from '@/lib/api/storefront';
import { formatUnitPrice } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { AddToBasket } from './storefront-card';
import '../storefront.css';

export function ProductPage({ id }: { id: number }) {
  const query = useStorefrontSweet(id);
  const [added, setAdded] = useState<string | null>(null);
  useDocumentTitle(query.data?.name ?? 'Sweet');
  if (query.isPending) return <Spinner label="Loading the sweet…" />;
  if (query.error)
    return (
      <section className="panel">
        <h1>
          {query.error instanceof ApiError && query.error.status === 404 ? 'Not on sale' : 'Something went wrong'}
        </h1>
        <p>
          {query.error instanceof ApiError && query.error.status === 404
            ? 'This sweet is not in the shop any more.'
            : errorMessage(query.error)}{' '}
          <Link to="/">Back to the shop</Link>
        </p>
      </section>
    );
  const sweet = query.data;
  return (
    <section className="panel product" aria-labelledby="product-title">
      <p className="breadcrumbs">
        <Link to="/">Shop</Link> › <Link to={`/?category=${encodeURIComponent(sweet.category)}`}>{sweet.category}</Link>
      </p>
      <div className="product-layout">
        <SweetPhoto name={sweet.name} src={sweet.image} size="large" />
        <div className="product-facts">
          <h1 id="product-title">{sweet.name}</h1>
          <p className="price product-price">{formatUnitPrice(sweet.unit, sweet.price)}</p>
          <p className={availabilityClass(sweet)} data-testid="availability">
            {availabilityText(sweet)}
          </p>
          <BestBefore day={sweet.best_before} />
          <p className="product-description">{sweet.description || 'No description yet.'}</p>
          <AddToBasket sweet={sweet} onAdded={setAdded} />
          {added ? (
            <Alert kind="success">
              {added} <Link to="/basket">See the basket</Link>
            </Alert>
          ) : null}
        </div>
      </div>
    </section>
  );
}
