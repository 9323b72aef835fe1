/**
 * Jest e2e global setup: machine setup, the real stack (reusing what runs), a fresh database and
 * topic prefix for this run, every existing app on free ports, and .stack/e2e/run.json describing
 * it all for the tests (see readE2eRun in @strata/testing).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  APPS,
  freePort,
  buildConsole,
  E2eRun,
  KEYCLOAK_BOOTSTRAP_ADMIN,
  KEYCLOAK_REALM,
  RunningApp,
  appEnvironment,
  appExists,
  createProgress,
  databaseUrlFor,
  dropDatabase,
  ensureDatabase,
  ensureDebianPackages,
  stackPaths,
  stackUp,
  startApp,
  stopApp,
  waitForAppHealth,
  writeE2eRun,
} from '@strata/testing';

/** Fixed so the console's OIDC redirect (http://127.0.0.1:3010/*) is allowed by the realm. */
const E2E_GATEWAY_PORT = Number(process.env.STRATA_E2E_GATEWAY_PORT ?? 3010);

export default async function globalSetup(): Promise<void> {
  const progress = createProgress((line) => process.stdout.write(`[e2e setup] ${line}\n`));
  const paths = stackPaths();
  ensureDebianPackages(undefined, progress);
  const stack = await stackUp({ progress });
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const databaseUrl = databaseUrlFor(stack.postgresUrl, `strata_test_${runId}`);
  await ensureDatabase(databaseUrl);
  const topicPrefix = `t${runId}.`;
  const logsDir = join(paths.e2eLogs, runId);
  const run: E2eRun = {
    runId,
    databaseUrl,
    topicPrefix,
    kafkaBrokers: stack.kafkaBrokers,
    apps: {},
    keycloak: {
      url: stack.keycloakUrl,
      issuer: stack.keycloakIssuer,
      realm: KEYCLOAK_REALM,
      adminUsername: KEYCLOAK_BOOTSTRAP_ADMIN.username,
    },
    anvilRpcUrl: stack.anvilRpcUrl,
    startedServices: stack.started,
  };
  writeE2eRun(run);
  buildConsole(paths.repoRoot, progress);
  const started: RunningApp[] = [];
  for (const app of APPS) {
    if (!appExists(paths.repoRoot, app)) {
      progress.warn(`${app.name}: ${app.entry} does not exist yet, not started`);
      continue;
    }
    // The gateway serves the console, whose sign-in redirect URI must be listed in the realm:
    // it gets a fixed port (also listed there); the other apps take any free port.
    const port = app.name === 'gateway' ? E2E_GATEWAY_PORT : await freePort();
    const env = appEnvironment(app.name, stack, {
      port,
      databaseUrl,
      topicPrefix,
      logLevel: 'warn',
    });
    const logFile = join(logsDir, `${app.name}.log`);
    const running = await startApp(app.name, { repoRoot: paths.repoRoot, port, env, logFile });
    started.push(running);
    run.apps[app.name] = running;
    writeE2eRun(run);
  }
  try {
    await Promise.all(
      started.map((app) =>
        waitForAppHealth(app).then(() => progress.ok(`${app.name}: healthy on ${app.url}`)),
      ),
    );
  } catch (error) {
    // Jest runs no teardown after a failed setup: clean up this run here.
    await Promise.all(started.map((app) => stopApp(app)));
    await dropDatabase(databaseUrl).catch(() => undefined);
    throw error;
  }
  progress.ok(`e2e run ${runId}: database ${databaseUrl}, topic prefix ${topicPrefix}`);
}
