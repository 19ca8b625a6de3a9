import { useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { Layout } from './layout';
import { RequireAuth } from './require-auth';
import { LoginRoute, RegisterRoute } from './routes/auth';
import { AdminRoute, CatalogueRoute, CrashRoute, DashboardRoute, NotFoundRoute } from './routes/pages';

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
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

export function AppRouter() {
  const [router] = useState(() => createBrowserRouter(routes));
  return <RouterProvider router={router} />;
}
