/**
 * Brings an app's schema to the latest checked-in migration at boot. Concurrent instances are
 * serialised with a PostgreSQL session advisory lock keyed by the schema name, held on a
 * connection of its own for the duration of the run.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';

export async function migrateToLatest(
  orm: MikroORM,
  databaseUrl: string,
  schema: string,
): Promise<string[]> {
  const lock = new Client({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock(hashtext($1))', [`strata-migrations:${schema}`]);
    await lock.query(`create schema if not exists "${schema}"`);
    const applied = await orm.migrator.up();
    return applied.map((migration) => migration.name);
  } finally {
    await lock
      .query('select pg_advisory_unlock(hashtext($1))', [`strata-migrations:${schema}`])
      .catch(() => undefined);
    await lock.end();
  }
}
