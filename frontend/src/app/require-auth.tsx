import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Navigate, useLocation } from 'react-router';
import { fetchMe } from '@/features/auth/api/auth';
import { Spinner } from '@/components/ui/alert';
import { useApiContext, useSessionState } from '@/lib/api-context';

/// Routes for signed-in people; `staff` ones for staff and the owner, `owner` ones for the owner. After a reload the
/// session is restored from its cookie first (with the user as stored now, so a promotion or demotion made since
/// sign-in shows; the server applies rights at once whatever the app shows). Someone with a temporary password is
/// sent to their account page to choose their own first.
export function RequireAuth({
  children,
  staff = false,
  owner = false,
}: {
  children: React.ReactNode;
  staff?: boolean;
  owner?: boolean;
}) {
  const { session, restoring } = useSessionState();
  const { client, store } = useApiContext();
  const location = useLocation();
  const me = useQuery({
    queryKey: ['me', session?.user.id],
    queryFn: () => fetchMe(client),
    enabled: session !== null,
    staleTime: Infinity,
  });
  useEffect(() => {
    const current = store.load();
    if (me.data && current && JSON.stringify(current.user) !== JSON.stringify(me.data))
      store.save({ ...current, user: me.data });
  }, [me.data, store]);
  if (restoring) return <Spinner label="Loading…" />;
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (session.user.must_change_password && location.pathname !== '/account') return <Navigate to="/account" replace />;
  if (owner && session.user.role !== 'owner') {
    return (
      <section className="panel">
        <h1>Owner only</h1>
        <p>This part of the shop is for the owner. Ask them if you need something changed.</p>
      </section>
    );
  }
  if (staff && !session.user.is_staff) {
    return (
      <section className="panel">
        <h1>Admins only</h1>
        <p>This part of the shop is for staff. Ask an administrator if you need access.</p>
      </section>
    );
  }
  return <>{children}</>;
}
