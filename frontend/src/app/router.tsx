import { useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { Layout } from './layout';
import { RequireAuth } from './require-auth';
import { LoginRoute, RegisterRoute } from './routes/auth';
import {
  AdminRoute,
  BasketRoute,
  CatalogueRoute,
  CounterRoute,
  CrashRoute,
  DashboardRoute,
  MyOrdersRoute,
  NotFoundRoute,
  OrderRoute,
  StaffOrdersRoute,
} from './routes/pages';

const signedIn = (element: React.ReactNode, staff = false) => <RequireAuth staff={staff}>{element}</RequireAuth>;

export const routes = [
  {
    element: <Layout />,
    errorElement: <CrashRoute />,
    children: [
      { path: 'login', element: <LoginRoute /> },
      { path: 'register', element: <RegisterRoute /> },
      {
        index: true,
        element: (
          <RequireAuth>
            <CatalogueRoute />
          </RequireAuth>
        ),
      },
      {
        path: 'dashboard',
        element: (
          <RequireAuth>
            <DashboardRoute />
          </RequireAuth>
        ),
      },
      {
        path: 'admin',
        element: (
          <RequireAuth staff>
            <AdminRoute />
          </RequireAuth>
        ),
      },
      { path: 'basket', element: signedIn(<BasketRoute />) },
      { path: 'orders', element: signedIn(<MyOrdersRoute />) },
      { path: 'orders/:number', element: signedIn(<OrderRoute />) },
      { path: 'staff/orders', element: signedIn(<StaffOrdersRoute />, true) },
      { path: 'counter', element: signedIn(<CounterRoute />, true) },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

export function AppRouter() {
  const [router] = useState(() => createBrowserRouter(routes));
  return <RouterProvider router={router} />;
}
