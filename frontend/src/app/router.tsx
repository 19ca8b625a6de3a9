import { useState, type ComponentType } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { Spinner } from '@/components/ui/alert';
import { Layout } from './layout';
import { RequireAuth } from './require-auth';
import { LoginRoute, RegisterRoute } from './routes/auth';
import { CrashRoute, HomeRoute, NotFoundRoute, ProductRoute } from './routes/pages';

type Who = 'user' | 'staff' | 'owner';
const signedIn = (element: React.ReactNode, who: Who = 'user') => (
  <RequireAuth staff={who === 'staff'} owner={who === 'owner'}>
    {element}
  </RequireAuth>
);

/// A page whose script loads when it is first visited: the catalogue's first load carries only the catalogue, and
/// customers never fetch the staff pages.
const onDemand = (load: () => Promise<ComponentType>, who: Who = 'user') => ({
  lazy: async () => {
    const Page = await load();
    return { element: signedIn(<Page />, who) };
  },
});
const shop = () => import('./routes/shop');
const staff = () => import('./routes/staff');

export const routes = [
  {
    element: <Layout />,
    errorElement: <CrashRoute />,
    // Shown while a page opened directly (a bookmark, a reload) is still loading its script.
    hydrateFallbackElement: <Spinner label="Loading…" />,
    children: [
      { path: 'login', element: <LoginRoute /> },
      { path: 'register', element: <RegisterRoute /> },
      { index: true, element: <HomeRoute /> },
      { path: 'sweets/:id', element: <ProductRoute /> },
      // Anyone fills a basket; checking out asks to sign in.
      {
        path: 'basket',
        lazy: async () => {
          const { BasketRoute } = await shop();
          return { element: <BasketRoute /> };
        },
      },
      { path: 'orders', ...onDemand(() => shop().then((m) => m.MyOrdersRoute)) },
      { path: 'orders/:number', ...onDemand(() => shop().then((m) => m.OrderRoute)) },
      { path: 'dashboard', ...onDemand(() => staff().then((m) => m.DashboardRoute), 'staff') },
      { path: 'admin', ...onDemand(() => staff().then((m) => m.AdminRoute), 'staff') },
      { path: 'admin/import', ...onDemand(() => staff().then((m) => m.ImportRoute), 'staff') },
      { path: 'admin/labels', ...onDemand(() => staff().then((m) => m.LabelsRoute), 'staff') },
      { path: 'staff/orders', ...onDemand(() => staff().then((m) => m.StaffOrdersRoute), 'staff') },
      { path: 'counter', ...onDemand(() => staff().then((m) => m.CounterRoute), 'staff') },
      { path: 'stock/low', ...onDemand(() => staff().then((m) => m.LowStockRoute), 'staff') },
      { path: 'stock/expiring', ...onDemand(() => staff().then((m) => m.ExpiringRoute), 'staff') },
      { path: 'stock/count', ...onDemand(() => staff().then((m) => m.StocktakeRoute), 'staff') },
      { path: 'people', ...onDemand(() => staff().then((m) => m.PeopleRoute), 'owner') },
      { path: 'audit', ...onDemand(() => staff().then((m) => m.AuditRoute), 'owner') },
      { path: 'account', ...onDemand(() => shop().then((m) => m.AccountRoute)) },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

export function AppRouter() {
  const [router] = useState(() => createBrowserRouter(routes));
  return <RouterProvider router={router} />;
}
