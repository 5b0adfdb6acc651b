import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { setApiToken } from '../api/client';
import { useCan, useSession } from '../auth/session-context';

const ROLE_NAMES = { network_admin: 'Network admin', city_operator: 'City operator', analyst: 'Analyst' } as const;

/** The frame of every screen: a skip link, the navigation `can` allows, who is signed in, and the screen. */
export function Shell() {
  const { session, signOut } = useSession();
  const allowed = useCan();
  const navigate = useNavigate();

  // The API client sends the session's token; a 401 (expired, revoked) ends the session.
  setApiToken(session?.token, () => {
    signOut();
  });
  useEffect(() => {
    if (!session && !window.location.pathname.startsWith('/sign-in')) {
      void navigate({ to: '/sign-in', search: { next: `${window.location.pathname}${window.location.search}` } });
    }
  }, [session, navigate]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Crosswalk</span>
        {session && (
          <nav aria-label="Main">
            <ul>
              <li>
                <Link to="/" activeOptions={{ exact: true }}>
                  Today
                </Link>
              </li>
              {allowed('view', 'metrics') && (
                <li>
                  <Link to="/dashboard">Dashboard</Link>
                </li>
              )}
              <li>
                <Link to="/directory/cities">Cities</Link>
              </li>
              <li>
                <Link to="/directory/schools">Schools</Link>
              </li>
              <li>
                <Link to="/directory/people">People</Link>
              </li>
              {allowed('view', 'event') && (
                <li>
                  <Link to="/events">Events</Link>
                </li>
              )}
            </ul>
          </nav>
        )}
        {session && (
          <div className="who">
            <span data-testid="signed-in-as">
              {ROLE_NAMES[session.role]}
              {session.cities.length > 0 && ` · ${session.cities.length} ${session.cities.length === 1 ? 'city' : 'cities'}`}
            </span>
            <button type="button" onClick={signOut}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
