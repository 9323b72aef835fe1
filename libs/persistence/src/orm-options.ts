/**
 * MikroORM options for one app: PostgreSQL, the app's own schema, explicit entity and migration
 * lists (no file globbing, so the same code runs from sources, bundles and containers).
 */
import type { MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import type { EntitySchema } from '@mikro-orm/core';

export interface PersistenceOptions {
  databaseUrl: string;
  /** The app's schema; every table of the app lives there and nowhere else. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- entity schemas of any shape
  entities: EntitySchema<any, any>[];
  migrations: MigrationObject[];
  /** Where `npm run migrations:create` writes new migrations for this app. */
  migrationsPath?: string;
  debug?: boolean;
}

export function ormOptions(options: PersistenceOptions): Options {
  return defineConfig({
    clientUrl: options.databaseUrl,
    schema: options.schema,
    entities: options.entities,
    debug: options.debug ?? false,
    allowGlobalContext: false,
    ensureDatabase: false,
    pool: { min: 1, max: 10 },
    extensions: [Migrator],
    migrations: {
      tableName: 'mikro_orm_migrations',
      schema: options.schema,
      migrationsList: options.migrations,
      path: options.migrationsPath,
      transactional: true,
      allOrNothing: true,
      emit: 'ts',
      snapshot: options.migrationsPath !== undefined,
      snapshotName: `.snapshot-${options.schema}`,
    },
  });
}
