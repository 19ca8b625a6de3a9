import { useEffect } from 'react';
import { shop } from '@/lib/shop';

/// "Catalogue · Sweet Shop": every page names the shop.
export function useDocumentTitle(page: string | null): void {
  useEffect(() => {
    document.title = page ? `${page} · ${shop().name}` : shop().name;
  }, [page]);
}
