/** The signed-in console: builds the API client for the session and shows the current page. */
import { useEffect, useMemo } from 'react';
import { ConsoleApiContext } from './api/api-context';
import { CredentialsPage } from './credentials/credentials-page';
import { createConsoleApi } from './api/console-api';
import { useAuth } from './auth/auth-context';
import type { ConsoleConfig } from './config/console-config';
import { AppShell } from './layout/app-shell';
import { usePathname } from './layout/navigation';
import { routeOf, type ConsoleRoute } from './layout/routes';
import { NetworkDetailPage } from './networks/network-detail-page';
import { NetworksPage } from './networks/networks-page';
import { OrganisationsPage } from './organisations/organisations-page';
import { RegistriesPage } from './registries/registries-page';

const TITLES: Record<ConsoleRoute['page'], string> = {
  organisations: 'Organisations',
  networks: 'Networks',
  network: 'Network',
  credentials: 'Credentials',
  registries: 'Trust registries',
  'not-found': 'Page not found',
};

function CurrentPage(props: { route: ConsoleRoute }) {
  const { route } = props;
  switch (route.page) {
    case 'organisations':
      return <OrganisationsPage />;
    case 'networks':
      return <NetworksPage />;
    case 'network':
      return <NetworkDetailPage networkId={route.networkId} />;
    case 'credentials':
      return <CredentialsPage />;
    case 'registries':
      return <RegistriesPage />;
    case 'not-found':
      return (
        <section>
          <h1>Page not found</h1>
          <p>There is no console page at {route.path}.</p>
        </section>
      );
  }
}

export function ConsoleApp(props: { config: ConsoleConfig }) {
  const { accessToken } = useAuth();
  const api = useMemo(
    () => createConsoleApi(props.config.apiBaseUrl, accessToken),
    [props.config.apiBaseUrl, accessToken],
  );
  const route = routeOf(usePathname());

  useEffect(() => {
    document.title = `${TITLES[route.page]} · Strata console`;
  }, [route.page]);

  return (
    <ConsoleApiContext.Provider value={api}>
      <AppShell route={route}>
        <CurrentPage route={route} />
      </AppShell>
    </ConsoleApiContext.Provider>
  );
}
