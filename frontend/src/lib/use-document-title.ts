import { useEffect } from 'react';
import { env } from '@/config/env';

/// "Catalogue · Sweet Shop": every page names the shop.
export function useDocumentTitle(page: string | null): void {
  useEffect(() => {
    document.title = page ? `${page} · ${env.shopName}` : env.shopName;
  }, [page]);
}
