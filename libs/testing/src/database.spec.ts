import { databaseUrlFor, parseDatabaseUrl } from './database';

describe('database URLs', () => {
  it('splits a URL into the server admin URL and the database name', () => {
    expect(parseDatabaseUrl('postgres://postgres@127.0.0.1:5432/strata_test_abc')).toEqual({
      adminUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
      name: 'strata_test_abc',
    });
  });

  it('refuses names that would need quoting (nothing reaches SQL unchecked)', () => {
    expect(() => parseDatabaseUrl('postgres://h/x";drop')).toThrow(/unsupported database name/);
  });

  it('points a server URL at another database', () => {
    expect(databaseUrlFor('postgres://postgres@127.0.0.1:5432', 'strata')).toBe(
      'postgres://postgres@127.0.0.1:5432/strata',
    );
  });
});
