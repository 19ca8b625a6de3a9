// The staff pages, loaded when first visited (their own script chunk, never fetched by customers).
import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { StockTable } from '@/features/admin/components/stock-table';
import { Dashboard } from '@/features/dashboard/components/dashboard';
import { PeopleTable } from '@/features/people/components/people-table';
import { AuditLog } from '@/features/audit/components/audit-log';
import { SalesDashboard } from '@/features/reports/components/sales-dashboard';
import { CounterSale } from '@/features/orders/components/counter-sale';
import { LowStock } from '@/features/stock/components/low-stock';
import { Expiring } from '@/features/stock/components/expiring';
import { Stocktake } from '@/features/stock/components/stocktake';
import { OrderList } from '@/features/orders/components/order-list';
import { ImportPage } from '@/features/catalogue-import/components/import-page';
import { LabelsPage } from '@/features/catalogue-import/components/labels-page';
import { useDocumentTitle } from '@/lib/use-document-title';

export function ImportRoute() {
  useDocumentTitle('Import the catalogue');
  return <ImportPage />;
}

export function LabelsRoute() {
  useDocumentTitle('Shelf labels');
  return <LabelsPage />;
}

/// The staff's workspace: the stock list first; adding a sweet opens a side panel beside it.
export function AdminRoute() {
  useDocumentTitle('Admin');
  const [adding, setAdding] = useState(false);
  return (
    <>
      <div className="admin-bar">
        <Button onClick={() => setAdding(true)}>Add a sweet</Button>
        <p className="admin-links">
          <Link to="/admin/import">Import from CSV</Link> · <Link to="/admin/labels">Shelf labels</Link>
        </p>
      </div>
      <StockTable adding={adding} onAddDone={() => setAdding(false)} />
    </>
  );
}

/// The staff dashboard: sales and stock figures of the whole shop (customers see none).
export function DashboardRoute() {
  useDocumentTitle('Dashboard');
  return (
    <>
      <SalesDashboard />
      <Dashboard />
    </>
  );
}

export function PeopleRoute() {
  useDocumentTitle('People');
  return <PeopleTable />;
}

export function AuditRoute() {
  useDocumentTitle('Audit log');
  return <AuditLog />;
}

export function StaffOrdersRoute() {
  useDocumentTitle('Orders');
  return <OrderList staff />;
}

export function CounterRoute() {
  useDocumentTitle('Counter sale');
  return <CounterSale />;
}

export function StocktakeRoute() {
  useDocumentTitle('Stocktake');
  return <Stocktake />;
}

export function LowStockRoute() {
  useDocumentTitle('Low stock');
  return <LowStock />;
}

export function ExpiringRoute() {
  useDocumentTitle('Expiring stock');
  return <Expiring />;
}
