/**
 * Keycloak for the local stack: the Quarkus distribution fetched from Maven Central, unzipped
 * under .stack/downloads, run with `start-dev` (measured faster here than build + --optimized)
 * on localhost:18080 with the project's realm (infra/local/keycloak/strata-realm.json) imported.
 * A realm file edited since the last import is re-imported through the admin REST API.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StackPaths } from './paths';
import { javaHome, runMaven } from './java';
import { startDetached } from './process';
import { httpAnswers, waitFor, WaitOptions } from '../wait';

export const KEYCLOAK_VERSION = '26.5.6';
export const KEYCLOAK_PORT = 18080;
export const KEYCLOAK_URL = `http://localhost:${KEYCLOAK_PORT}`;
export const KEYCLOAK_REALM = 'strata';
export const KEYCLOAK_ISSUER = `${KEYCLOAK_URL}/realms/${KEYCLOAK_REALM}`;
/** Bootstrap admin of the master realm (local only); distinct from the realm's demo `admin`. */
export const KEYCLOAK_BOOTSTRAP_ADMIN = {
  username: process.env.STRATA_KEYCLOAK_ADMIN_USER ?? 'kcadmin',
  password: process.env.STRATA_KEYCLOAK_ADMIN_PASSWORD ?? 'kcadmin',
};

export function keycloakHome(paths: StackPaths): string {
  return join(paths.downloads, `keycloak-${KEYCLOAK_VERSION}`);
}

export function realmFile(paths: StackPaths): string {
  return join(paths.repoRoot, 'infra', 'local', 'keycloak', 'strata-realm.json');
}

export function realmSha256(paths: StackPaths): string {
  return createHash('sha256')
    .update(readFileSync(realmFile(paths)))
    .digest('hex');
}

/** Realm attribute recording which realm file an import came from (kept by Keycloak itself). */
export const REALM_FILE_SHA_ATTRIBUTE = 'strataRealmFileSha256';

/**
 * The realm file as imported: stamped with its own sha-256 in a realm attribute, so whether the
 * running Keycloak holds the current file is read off Keycloak, not off one checkout's state
 * (a second checkout or a scratch copy then neither re-imports a current realm nor misses a
 * changed one).
 */
export function stampedRealm(paths: StackPaths): string {
  const realm = JSON.parse(readFileSync(realmFile(paths), 'utf8')) as {
    attributes?: Record<string, string>;
  };
  realm.attributes = { ...realm.attributes, [REALM_FILE_SHA_ATTRIBUTE]: realmSha256(paths) };
  return JSON.stringify(realm);
}

/** The realm file sha-256 the running realm was imported from; undefined if unknown. */
export async function importedRealmSha256(): Promise<string | undefined> {
  const token = await bootstrapAdminToken();
  const response = await fetch(`${KEYCLOAK_URL}/admin/realms/${KEYCLOAK_REALM}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) return undefined;
  const realm = (await response.json()) as { attributes?: Record<string, string> };
  return realm.attributes?.[REALM_FILE_SHA_ATTRIBUTE];
}

/** Fetches the distribution zip through Maven and unzips it unless it is already there. */
export function ensureKeycloakDownloaded(paths: StackPaths): void {
  const home = keycloakHome(paths);
  if (existsSync(join(home, 'bin', 'kc.sh'))) return;
  const partial = `${home}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const artifact = `org.keycloak:keycloak-quarkus-dist:${KEYCLOAK_VERSION}:zip`;
  runMaven(
    ['dependency:copy', `-Dartifact=${artifact}`, `-DoutputDirectory=${partial}`],
    paths.repoRoot,
  );
  const zip = join(partial, `keycloak-quarkus-dist-${KEYCLOAK_VERSION}.zip`);
  const unzip = spawnSync('unzip', ['-q', zip, '-d', partial], { encoding: 'utf8' });
  if (unzip.status !== 0)
    throw new Error(`unzip ${zip} failed: ${unzip.stderr || unzip.error?.message}`);
  renameSync(join(partial, `keycloak-${KEYCLOAK_VERSION}`), home);
  rmSync(partial, { recursive: true, force: true });
}

export function startKeycloak(paths: StackPaths, logFile: string): number {
  ensureKeycloakDownloaded(paths);
  const home = keycloakHome(paths);
  const importDir = join(home, 'data', 'import');
  mkdirSync(importDir, { recursive: true });
  writeFileSync(join(importDir, 'strata-realm.json'), stampedRealm(paths));
  const java = javaHome();
  return startDetached({
    command: join(home, 'bin', 'kc.sh'),
    args: [
      'start-dev',
      `--http-port=${KEYCLOAK_PORT}`,
      '--http-host=127.0.0.1',
      `--hostname=${KEYCLOAK_URL}`,
      '--import-realm',
    ],
    cwd: home,
    env: {
      ...process.env,
      ...(java ? { JAVA_HOME: java } : {}),
      KC_BOOTSTRAP_ADMIN_USERNAME: KEYCLOAK_BOOTSTRAP_ADMIN.username,
      KC_BOOTSTRAP_ADMIN_PASSWORD: KEYCLOAK_BOOTSTRAP_ADMIN.password,
      JAVA_OPTS_KC_HEAP: '-Xms64m -Xmx768m',
    },
    logFile,
  });
}

/** Keycloak answers at all (any realm), e.g. started by someone else. */
export function keycloakAnswers(): Promise<boolean> {
  return httpAnswers(`${KEYCLOAK_URL}/realms/master/.well-known/openid-configuration`);
}

export function realmAnswers(): Promise<boolean> {
  return httpAnswers(`${KEYCLOAK_ISSUER}/.well-known/openid-configuration`);
}

export function waitForKeycloak(options: WaitOptions = {}): Promise<void> {
  return waitFor(`Keycloak on ${KEYCLOAK_URL}`, keycloakAnswers, {
    timeoutMs: 240_000,
    intervalMs: 500,
    ...options,
  });
}

export async function bootstrapAdminToken(): Promise<string> {
  const response = await fetch(`${KEYCLOAK_URL}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'admin-cli',
      username: KEYCLOAK_BOOTSTRAP_ADMIN.username,
      password: KEYCLOAK_BOOTSTRAP_ADMIN.password,
    }),
  });
  if (!response.ok) {
    throw new Error(
      `Keycloak bootstrap admin login failed (${response.status}): ${await response.text()}`,
    );
  }
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Deletes the realm if present and imports the realm file again (the running server keeps going). */
export async function reimportRealm(paths: StackPaths): Promise<void> {
  const token = await bootstrapAdminToken();
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const deleted = await fetch(`${KEYCLOAK_URL}/admin/realms/${KEYCLOAK_REALM}`, {
    method: 'DELETE',
    headers,
  });
  if (!deleted.ok && deleted.status !== 404)
    throw new Error(`deleting realm failed: ${deleted.status}`);
  const created = await fetch(`${KEYCLOAK_URL}/admin/realms`, {
    method: 'POST',
    headers,
    body: stampedRealm(paths),
  });
  if (!created.ok)
    throw new Error(`importing realm failed (${created.status}): ${await created.text()}`);
}
