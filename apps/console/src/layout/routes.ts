/** The console's pages and their paths. Path parsing is pure so it is unit-tested. */
export type ConsoleRoute =
  | { page: 'organisations' }
  | { page: 'networks' }
  | { page: 'network'; networkId: string }
  | { page: 'credentials' }
  | { page: 'registries' }
  | { page: 'not-found'; path: string };

export function routeOf(pathname: string): ConsoleRoute {
  const segments = pathname.split('/').filter((segment) => segment !== '');
  const [section, id, ...rest] = segments;
  if (rest.length > 0) return { page: 'not-found', path: pathname };
  if (section === undefined || (section === 'organisations' && id === undefined)) {
    return { page: 'organisations' };
  }
  if (section === 'credentials' && id === undefined) return { page: 'credentials' };
  if (section === 'registries' && id === undefined) return { page: 'registries' };
  if (section === 'networks') {
    return id === undefined
      ? { page: 'networks' }
      : { page: 'network', networkId: decodeURIComponent(id) };
  }
  return { page: 'not-found', path: pathname };
}

export function pathOf(route: ConsoleRoute): string {
  switch (route.page) {
    case 'organisations':
      return '/organisations';
    case 'networks':
      return '/networks';
    case 'network':
      return `/networks/${encodeURIComponent(route.networkId)}`;
    case 'credentials':
      return '/credentials';
    case 'registries':
      return '/registries';
    case 'not-found':
      return route.path;
  }
}
