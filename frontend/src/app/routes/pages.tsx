// The pages of the first load: the catalogue, and what shows when a page is missing or crashes. The others are
// loaded on demand (shop.tsx, staff.tsx; see router.tsx).
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { Catalogue } from '@/features/sweets/components/catalogue';
import { useDocumentTitle } from '@/lib/use-document-title';

export function CatalogueRoute() {
  useDocumentTitle('Catalogue');
  return <Catalogue />;
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
