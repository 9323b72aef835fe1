/** Page frame: skip link, header with navigation and the signed-in user, then the page. */
import type { ReactNode } from 'react';
import { useAuth } from '../auth/auth-context';
import { Link } from './navigation';
import type { ConsoleRoute } from './routes';

function UserPanel() {
  const { user, signOut } = useAuth();
  return (
    <div className="user-panel">
      <span className="user-name" data-testid="user-name">
        {user.displayName}
      </span>
      <span className="user-roles" data-testid="user-roles">
        {user.roles.length > 0 ? user.roles.join(', ') : 'no Strata role'}
      </span>
      <button type="button" className="button-secondary" onClick={() => void signOut()}>
        Sign out
      </button>
    </div>
  );
}

export function AppShell(props: { route: ConsoleRoute; children: ReactNode }) {
  const section = props.route.page === 'network' ? 'networks' : props.route.page;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <span className="app-title">Strata console</span>
        <nav aria-label="Main">
          <ul>
            <li>
              <Link to="/organisations" current={section === 'organisations'}>
                Organisations
              </Link>
            </li>
            <li>
              <Link to="/networks" current={section === 'networks'}>
                Networks
              </Link>
            </li>
            <li>
              <Link to="/credentials" current={section === 'credentials'}>
                Credentials
              </Link>
            </li>
            <li>
              <Link to="/registries" current={section === 'registries'}>
                Trust registries
              </Link>
            </li>
          </ul>
        </nav>
        <UserPanel />
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}
