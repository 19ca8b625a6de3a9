// The pages of the first load: the catalogue, and what shows when a page is missing or crashes. The others are
// loaded on demand (shop.tsx, staff.tsx; see router.tsx).
import { Link, Navigate, useParams } from 'react-router';
import { Spinner } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ProductPage } from '@/features/storefront/components/product-page';
import { Storefront } from '@/features/storefront/components/storefront';
import { Catalogue } from '@/features/sweets/components/catalogue';
import { useSessionState } from '@/lib/api-context';
import { useDocumentTitle } from '@/lib/use-document-title';

/// The front page: the storefront for visitors (no account needed to browse), the catalogue once signed in.
export function HomeRoute() {
  const { session, restoring } = useSessionState();
  useDocumentTitle(session ? 'Catalogue' : 'Shop');
  if (restoring) return <Spinner label="Loading…" />;
  if (session?.user.must_change_password) return <Navigate to="/account" replace />;
  return session ? <Catalogue /> : <Storefront />;
}

export function ProductRoute() {
  const { id = '' } = useParams();
  const number = Number.parseInt(id, 10);
  if (!/^\d+$/.test(id) || !Number.isSafeInteger(number)) return <NotFoundRoute />;
  return <ProductPage key={number} id={number} />;
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
