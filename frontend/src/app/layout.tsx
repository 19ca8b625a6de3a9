import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { Button } from '@/components/ui/button';
import { shop } from '@/lib/shop';
import { useApiContext, useSession } from '@/lib/api-context';
import { useBasket } from '@/lib/basket';
import { logout } from '@/features/auth/api/auth';
import { formatCount } from '@/lib/format';

/// The basket with its count of units, for visitors and customers alike.
function BasketLink({ className, testId }: { className: string; testId: string }) {
  const units = useBasket().reduce((n, l) => n + l.amount, 0);
  return (
    <NavLink to="/basket" className={className} aria-label={`Basket, ${formatCount(units, 'item', 'items')}`}>
      Basket{' '}
      <span className="basket-count" data-testid={testId}>
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
  // On a phone the links fold into a menu: one row of header, the basket always in it.
  // Open on the page it was opened on: going to another page closes it.
  const { pathname } = useLocation();
  const [menuPage, setMenuPage] = useState<string | null>(null);
  const menuOpen = menuPage === pathname;
  const setMenuOpen = (open: boolean) => setMenuPage(open ? pathname : null);
  const menuId = useId();
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
        {/* oxlint-disable-next-line jsx-a11y/no-static-element-interactions -- Escape closes the phone's menu */}
        <div
          className="masthead-inner"
          onKeyDown={(e) => {
            if (e.key === 'Escape' && menuOpen) setMenuOpen(false);
          }}
        >
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              ●
            </span>
            <span className="brand-name">{shop().name}</span>
          </div>
          <BasketLink className="masthead-basket" testId="basket-count-phone" />
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls={menuId}
            onClick={() => setMenuOpen(!menuOpen)}
          >
            {menuOpen ? 'Close menu' : 'Menu'}
          </button>
          <div className={menuOpen ? 'masthead-menu masthead-menu-open' : 'masthead-menu'} id={menuId}>
            {session ? (
              <nav aria-label="Main" className="main-nav">
                <NavLink to="/" end>
                  Catalogue
                </NavLink>
                <BasketLink className="nav-basket" testId="basket-count" />
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
                <BasketLink className="nav-basket" testId="basket-count" />
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
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
