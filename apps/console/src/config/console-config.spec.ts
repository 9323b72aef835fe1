import { ConsoleConfigError, parseConsoleConfig } from './console-config';

describe('parseConsoleConfig', () => {
  const valid = {
    oidcAuthority: 'http://localhost:18080/realms/strata/',
    oidcClientId: 'strata-console',
    apiBaseUrl: '/api/v1',
  };

  it('resolves a relative API base URL against the console origin', () => {
    expect(parseConsoleConfig(valid, 'http://localhost:3000')).toEqual({
      oidcAuthority: 'http://localhost:18080/realms/strata',
      oidcClientId: 'strata-console',
      apiBaseUrl: 'http://localhost:3000/api/v1',
    });
  });

  it('keeps an absolute API base URL', () => {
    const config = parseConsoleConfig(
      { ...valid, apiBaseUrl: 'https://api.example.eu/api/v1/' },
      'http://localhost:5173',
    );
    expect(config.apiBaseUrl).toBe('https://api.example.eu/api/v1');
  });

  it('rejects a config that misses the client id', () => {
    expect(() => parseConsoleConfig({ ...valid, oidcClientId: '' }, 'http://x')).toThrow(
      ConsoleConfigError,
    );
  });

  it('rejects something that is not an object', () => {
    expect(() => parseConsoleConfig('nope', 'http://x')).toThrow(ConsoleConfigError);
  });
});
