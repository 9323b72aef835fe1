import { pathOf, routeOf } from './routes';

describe('console routes', () => {
  it('opens the organisations page at the root', () => {
    expect(routeOf('/')).toEqual({ page: 'organisations' });
    expect(routeOf('/organisations')).toEqual({ page: 'organisations' });
  });

  it('reads the network id of a detail page and writes it back', () => {
    const route = routeOf('/networks/1b4e28ba-2fa1-11d2-883f-0016d3cca427');
    expect(route).toEqual({ page: 'network', networkId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427' });
    expect(pathOf(route)).toBe('/networks/1b4e28ba-2fa1-11d2-883f-0016d3cca427');
  });

  it('opens the trust registries page', () => {
    expect(routeOf('/registries')).toEqual({ page: 'registries' });
    expect(pathOf({ page: 'registries' })).toBe('/registries');
    expect(routeOf('/registries/x').page).toBe('not-found');
  });

  it('opens the credentials page', () => {
    expect(routeOf('/credentials')).toEqual({ page: 'credentials' });
    expect(pathOf({ page: 'credentials' })).toBe('/credentials');
    expect(routeOf('/credentials/x').page).toBe('not-found');
  });

  it('does not guess on unknown paths', () => {
    expect(routeOf('/organisations/x/y')).toEqual({
      page: 'not-found',
      path: '/organisations/x/y',
    });
    expect(routeOf('/settings')).toEqual({ page: 'not-found', path: '/settings' });
  });
});
