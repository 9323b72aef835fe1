/**
 * Migration tooling for every app's schema.
 *   create <app> [name]  generate a migration from the difference between the entities and the
 *                        checked-in migrations, and add it to the app's migrations/index.ts
 *   check                apply every app's migrations to a scratch database and fail when the
 *                        entities describe something the migrations do not create (stale migrations)
 * Uses the PostgreSQL at STRATA_DATABASE_URL's server (default 127.0.0.1:5432).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { BUS_ENTITIES } from '@strata/bus';
import { ensureDatabaseExists, migrateToLatest, ormOptions } from '@strata/persistence';
import { Client } from 'pg';
import { APP_SCHEMAS, type AppSchema } from './lib/app-schemas';

const serverUrl = process.env.STRATA_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/strata';

function scratchDatabaseUrl(): string {
  const url = new URL(serverUrl);
  url.pathname = `/strata_migrations_${randomBytes(4).toString('hex')}`;
  return url.toString();
}

async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(`drop database if exists "${name}" with (force)`);
  await client.end();
}

async function withMigratedOrm<T>(
  target: AppSchema,
  work: (orm: MikroORM) => Promise<T>,
): Promise<T> {
  const databaseUrl = scratchDatabaseUrl();
  await ensureDatabaseExists(databaseUrl);
  const orm = new MikroORM(
    ormOptions({
      databaseUrl,
      schema: target.schema,
      entities: [...BUS_ENTITIES, ...target.entities],
      migrations: target.migrations,
      migrationsPath: target.migrationsPath,
    }),
  );
  try {
    await orm.connect();
    await migrateToLatest(orm, databaseUrl, target.schema);
    return await work(orm);
  } finally {
    await orm.close();
    await dropDatabase(databaseUrl);
  }
}

async function create(appName: string, name: string | undefined): Promise<void> {
  const target = APP_SCHEMAS.find((candidate) => candidate.app === appName);
  if (!target)
    throw new Error(`unknown app "${appName}"; known: ${APP_SCHEMAS.map((a) => a.app).join(', ')}`);
  await withMigratedOrm(target, async (orm) => {
    const result = await orm.migrator.create(target.migrationsPath, false, false, name);
    if (!result.fileName) {
      console.log(`${appName}: no changes, no migration created`);
      return;
    }
    const className = basename(result.fileName).replace(/\.ts$/, '');
    const indexPath = join(target.migrationsPath, 'index.ts');
    const index = readFileSync(indexPath, 'utf8')
      .replace(
        /(import type \{ MigrationObject \} from '@mikro-orm\/core';\n)/,
        `$1import { ${className} } from './${className}';\n`,
      )
      .replace(
        /\[([^\]]*)\];/,
        (_all, list: string) =>
          `[${[
            ...list
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
            `{ name: '${className}', class: ${className} }`,
          ].join(', ')}];`,
      );
    writeFileSync(indexPath, index);
    console.log(`${appName}: created ${result.fileName} and registered it in ${indexPath}`);
  });
}

async function check(): Promise<void> {
  let stale = false;
  for (const target of APP_SCHEMAS) {
    await withMigratedOrm(target, async (orm) => {
      const sql = await orm.schema.getUpdateSchemaSQL({ wrap: false, schema: target.schema });
      if (sql.trim()) {
        stale = true;
        console.error(
          `${target.app}: migrations are stale; run \`npm run migrations:create -- ${target.app}\`. Missing:\n${sql}`,
        );
      } else {
        console.log(`${target.app}: migrations match the entities`);
      }
    });
  }
  if (stale) process.exit(1);
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'create' && args[0]) return create(args[0], args[1]);
  if (command === 'check') return check();
  console.log('usage: npm run migrations:create -- <app> [name]\n       npm run migrations:check');
  process.exit(command === '--help' || command === '-h' ? 0 : 2);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
