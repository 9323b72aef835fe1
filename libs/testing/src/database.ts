/**
 * Databases for the stack and the tests: create the one named in a connection URL if it is
 * missing (apps create their own schemas, not their database), drop it after a test run.
 */
import { Client } from 'pg';

const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Splits `postgres://…/name` into the server URL (…/postgres) and the database name. */
export function parseDatabaseUrl(url: string): { adminUrl: string; name: string } {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!DATABASE_NAME.test(name)) throw new Error(`unsupported database name "${name}" in ${url}`);
  parsed.pathname = '/postgres';
  return { adminUrl: parsed.toString(), name };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function databaseAnswers(url: string): Promise<boolean> {
  try {
    return await withClient(url, async (c) => (await c.query('select 1')).rowCount === 1);
  } catch {
    return false;
  }
}

/** Creates the database named in `url` unless it exists. Returns true when it was created. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const { adminUrl, name } = parseDatabaseUrl(url);
  return withClient(adminUrl, async (client) => {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`create database "${name}"`);
    return true;
  });
}

/** Drops the database named in `url`, disconnecting whoever is still connected. */
export async function dropDatabase(url: string): Promise<void> {
  const { adminUrl, name } = parseDatabaseUrl(url);
  await withClient(adminUrl, (client) =>
    client.query(`drop database if exists "${name}" with (force)`),
  );
}

/** The URL of database `name` on the server of `serverUrl` (which may name another database). */
export function databaseUrlFor(serverUrl: string, name: string): string {
  const parsed = new URL(serverUrl);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
