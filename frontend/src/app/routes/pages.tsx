import { Link } from 'react-router';
import { StockTable } from '@/features/admin/components/stock-table';
import { SweetForm } from '@/features/admin/components/sweet-form';
import { Dashboard } from '@/features/dashboard/components/dashboard';
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
