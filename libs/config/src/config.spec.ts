import { z } from 'zod';
import { baseConfigSchema, ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  const schema = baseConfigSchema({ port: 3101 });

  it('applies the app defaults when nothing is set', () => {
    const config = loadConfig(schema, {});
    expect(config.STRATA_HTTP_PORT).toBe(3101);
  });

  it('names every invalid variable', () => {
    expect(() =>
      loadConfig(schema, { STRATA_HTTP_PORT: 'abc', STRATA_DATABASE_URL: 'nope' }),
    ).toThrow(ConfigError);
    try {
      loadConfig(schema, { STRATA_HTTP_PORT: 'abc', STRATA_DATABASE_URL: 'nope' });
    } catch (error) {
      expect((error as ConfigError).issues.join()).toMatch(
        /STRATA_HTTP_PORT.*STRATA_DATABASE_URL|STRATA_DATABASE_URL.*STRATA_HTTP_PORT/,
      );
    }
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(z.object({ A: z.string().default('x') }), { A: '' }).A).toBe('x');
  });
});
