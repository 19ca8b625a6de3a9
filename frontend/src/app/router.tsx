import { useState, type ComponentType } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { Spinner } from '@/components/ui/alert';
import { Layout } from './layout';
import { RequireAuth } from './require-auth';
import { LoginRoute, RegisterRoute } from './routes/auth';
import { CatalogueRoute, CrashRoute, NotFoundRoute } from './routes/pages';

const signedIn = (element: React.ReactNode, staff = false) => <RequireAuth staff={staff}>{element}</RequireAuth>;

/// A page whose script loads when it is first visited: the catalogue's first load carries only the catalogue, and
/// customers never fetch the staff pages.
const onDemand = (load: () => Promise<ComponentType>, staff = false) => ({
  lazy: async () => {
    const Page = await load();
    return { element: signedIn(<Page />, staff) };
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
      { index: true, element: signedIn(<CatalogueRoute />) },
      { path: 'basket', ...onDemand(() => shop().then((m) => m.BasketRoute)) },
      { path: 'orders', ...onDemand(() => shop().then((m) => m.MyOrdersRoute)) },
      { path: 'orders/:number', ...onDemand(() => shop().then((m) => m.OrderRoute)) },
      { path: 'dashboard', ...onDemand(() => staff().then((m) => m.DashboardRoute), true) },
      { path: 'admin', ...onDemand(() => staff().then((m) => m.AdminRoute), true) },
      { path: 'staff/orders', ...onDemand(() => staff().then((m) => m.StaffOrdersRoute), true) },
      { path: 'counter', ...onDemand(() => staff().then((m) => m.CounterRoute), true) },
      { path: 'stock/low', ...onDemand(() => staff().then((m) => m.LowStockRoute), true) },
      { path: 'stock/count', ...onDemand(() => staff().then((m) => m.StocktakeRoute), true) },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

export function AppRouter() {
  const [router] = useState(() => createBrowserRouter(routes));
  return <RouterProvider router={router} />;
}
