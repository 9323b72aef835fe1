import { ConsoleConfigError, parseConsoleConfig } from './console-config';

describe('parseConsoleConfig', () => {
  const valid = {
    oidcAuthority: 'http://localhost:18080/realms/strata/',
    oidcClientId: 'strata-console',
    apiBaseUrl: '',
  };

  it('uses the console origin when the API base URL is empty (the gateway serves both)', () => {
    expect(parseConsoleConfig(valid, 'http://localhost:3000')).toEqual({
      oidcAuthority: 'http://localhost:18080/realms/strata',
      oidcClientId: 'strata-console',
      apiBaseUrl: 'http://localhost:3000',
    });
  });

  it('resolves a relative API base URL against the console origin', () => {
    const config = parseConsoleConfig({ ...valid, apiBaseUrl: '/strata' }, 'http://localhost:3000');
    expect(config.apiBaseUrl).toBe('http://localhost:3000/strata');
  });

  it('keeps an absolute API base URL', () => {
    const config = parseConsoleConfig(
      { ...valid, apiBaseUrl: 'https://api.example.eu/' },
      'http://localhost:5173',
    );
    expect(config.apiBaseUrl).toBe('https://api.example.eu');
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
