import { useQueryClient } from '@tanstack/react-query';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { Button } from '@/components/ui/button';
import { env } from '@/config/env';
import { useApiContext, useSession } from '@/lib/api-context';
import { useBasket } from '@/lib/basket';
import { logout } from '@/features/auth/api/auth';

/// The basket with its count of units, for visitors and customers alike.
function BasketLink() {
  const units = useBasket().reduce((n, l) => n + l.amount, 0);
  return (
    <NavLink to="/basket" aria-label={`Basket, ${units} item${units === 1 ? '' : 's'}`}>
      Basket{' '}
      <span className="basket-count" data-testid="basket-count">
        {units}
      </span>
    </NavLink>
  );
}

export function Layout() {
  const session = useSession();
  const { store, client } = useApiContext();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = async () => {
    // Signed out here whatever the server answers (it may be unreachable); the cookie's session ends there.
    await logout(client).catch(() => undefined);
    store.save(null);
    store.announce('signed-out');
    queryClient.clear();
    void navigate('/login');
  };
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="masthead">
        <div className="masthead-inner">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              ●
            </span>
            <span className="brand-name">{env.shopName}</span>
          </div>
          {session ? (
            <nav aria-label="Main" className="main-nav">
              <NavLink to="/" end>
                Catalogue
              </NavLink>
              <BasketLink />
              <NavLink to="/orders" end>
                My orders
              </NavLink>
              {session.user.is_staff ? (
                <>
                  <NavLink to="/dashboard">Dashboard</NavLink>
                  <NavLink to="/staff/orders">Orders</NavLink>
                  <NavLink to="/counter">Counter</NavLink>
                  <NavLink to="/admin">Admin</NavLink>
                  <NavLink to="/stock/low">Low stock</NavLink>
                  <NavLink to="/stock/expiring">Expiring</NavLink>
                  <NavLink to="/stock/count">Stocktake</NavLink>
                  {session.user.role === 'owner' ? (
                    <>
                      <NavLink to="/people">People</NavLink>
                      <NavLink to="/audit">Audit log</NavLink>
                    </>
                  ) : null}
                </>
              ) : null}
            </nav>
          ) : null}
          {!session ? (
            <nav aria-label="Main" className="main-nav">
              <NavLink to="/" end>
                Shop
              </NavLink>
              <BasketLink />
            </nav>
          ) : null}
          {!session ? (
            <div className="account">
              <NavLink to="/login" className="account-link">
                Sign in
              </NavLink>
            </div>
          ) : null}
          {session ? (
            <div className="account">
              <span className="account-name" data-testid="signed-in-user">
                {session.user.username}
                {session.user.is_staff ? (
                  <span className="badge badge-staff">{session.user.role === 'owner' ? 'Owner' : 'Staff'}</span>
                ) : null}
              </span>
              <NavLink to="/account" className="account-link">
                Account
              </NavLink>
              <Button variant="secondary" className="sign-out" onClick={() => void signOut()}>
                Sign out
              </Button>
            </div>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
