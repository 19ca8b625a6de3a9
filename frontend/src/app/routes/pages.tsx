import { Link, useParams } from 'react-router';
import { Button } from '@/components/ui/button';
import { StockTable } from '@/features/admin/components/stock-table';
import { SweetForm } from '@/features/admin/components/sweet-form';
import { Dashboard } from '@/features/dashboard/components/dashboard';
import { BasketPage } from '@/features/orders/components/basket-page';
import { CounterSale } from '@/features/orders/components/counter-sale';
import { OrderDetail } from '@/features/orders/components/order-detail';
import { OrderList } from '@/features/orders/components/order-list';
import { Catalogue } from '@/features/sweets/components/catalogue';
import { useDocumentTitle } from '@/lib/use-document-title';

export function CatalogueRoute() {
  useDocumentTitle('Catalogue');
  return <Catalogue />;
}

export function DashboardRoute() {
  useDocumentTitle('Dashboard');
  return <Dashboard />;
}

export function AdminRoute() {
  useDocumentTitle('Admin');
  return (
    <>
      <section className="panel" aria-labelledby="add-title">
        <h1 id="add-title">Add a sweet</h1>
        <SweetForm />
      </section>
      <StockTable />
    </>
  );
}

export function BasketRoute() {
  useDocumentTitle('Basket');
  return <BasketPage />;
}

export function MyOrdersRoute() {
  useDocumentTitle('My orders');
  return <OrderList />;
}

export function StaffOrdersRoute() {
  useDocumentTitle('Orders');
  return <OrderList staff />;
}

export function OrderRoute() {
  const { number = '' } = useParams();
  useDocumentTitle(`Order ${number}`);
  return <OrderDetail key={number} number={number} />;
}

export function CounterRoute() {
  useDocumentTitle('Counter sale');
  return <CounterSale />;
}

export function NotFoundRoute() {
  useDocumentTitle('Page not found');
  return (
    <section className="panel">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/">Back to the catalogue</Link>
      </p>
    </section>
  );
}

/// What a crash in rendering shows instead of a blank page (the cause goes to the console).
export function CrashRoute() {
  useDocumentTitle('Something went wrong');
  return (
    <main id="main">
      <section className="panel" role="alert">
        <h1>Something went wrong</h1>
        <p>The page stopped working. Reloading usually helps; your session and the shop's data are safe.</p>
        <Button onClick={() => window.location.reload()}>Reload the page</Button>
      </section>
    </main>
  );
}
