/**
 * `npm start`: the whole platform locally. Setup check, stack up (reusing what runs), database
 * `strata`, console build, every existing app on its fixed port, then a summary. Ctrl-C/SIGTERM
 * stops the apps and the stack services this command started (reused ones keep running).
 */
import { join } from 'node:path';
import {
  APPS,
  AppUnhealthyError,
  buildConsole,
  appEnvironment,
  appExists,
  createProgress,
  databaseUrlFor,
  ensureDatabase,
  ensureDebianPackages,
  isProcessAlive,
  KEYCLOAK_BOOTSTRAP_ADMIN,
  LOCAL_REALM,
  RunningApp,
  stackDown,
  stackPaths,
  StackServiceName,
  stackUp,
  startApp,
  stopApp,
  waitForAppHealth,
} from '@strata/testing';

const paths = stackPaths();
const progress = createProgress();
const running: RunningApp[] = [];
let startedServices: StackServiceName[] = [];
let stopping = false;

function summary(databaseUrl: string, unhealthy: string[]): string {
  const apps = running.map(
    (a) => `  ${a.name.padEnd(22)} ${a.url}${unhealthy.includes(a.name) ? '  NOT HEALTHY' : ''}`,
  );
  const users = LOCAL_REALM.demoUsers.map((u) => `${u.username.padEnd(12)} ${u.role}`);
  const lines = [
    'Strata is running (local only)',
    '',
    'Console   http://localhost:3000/',
    'API       http://localhost:3000/api/v1',
    'OpenAPI   http://localhost:3000/api/openapi.json',
    'API docs  http://localhost:3000/api/docs',
    `Keycloak  http://localhost:18080/admin  (${KEYCLOAK_BOOTSTRAP_ADMIN.username} / ${KEYCLOAK_BOOTSTRAP_ADMIN.password})`,
    `Database  ${databaseUrl}`,
    '',
    `Demo users (password "${LOCAL_REALM.demoPassword}", LOCAL USE ONLY):`,
    ...users.map((u) => `  ${u}`),
    '',
    'Apps:',
    ...apps,
    `Logs: ${join(paths.logs, 'apps')}`,
    'Ctrl-C stops what this command started.',
  ];
  const width = Math.max(...lines.map((l) => l.length));
  const border = `+${'-'.repeat(width + 2)}+`;
  return [border, ...lines.map((l) => `| ${l.padEnd(width)} |`), border].join('\n');
}

async function shutdown(code: number): Promise<never> {
  if (stopping) return new Promise<never>(() => undefined);
  stopping = true;
  progress.info('stopping apps...');
  await Promise.all(running.map((a) => stopApp(a).then(() => progress.ok(`${a.name}: stopped`))));
  if (startedServices.length > 0) await stackDown({ services: startedServices, progress });
  process.exit(code);
}

async function main(): Promise<void> {
  ensureDebianPackages(undefined, progress);
  const stack = await stackUp({ progress });
  startedServices = stack.started;
  const databaseUrl = databaseUrlFor(stack.postgresUrl, 'strata');
  if (await ensureDatabase(databaseUrl)) progress.ok(`database strata created`);
  buildConsole(paths.repoRoot, progress);
  for (const app of APPS) {
    if (!appExists(paths.repoRoot, app)) {
      progress.warn(`${app.name}: ${app.entry} does not exist yet, skipped`);
      continue;
    }
    const env = appEnvironment(app.name, stack, { port: app.port, databaseUrl });
    const logFile = join(paths.logs, 'apps', `${app.name}.log`);
    try {
      running.push(
        await startApp(app.name, { repoRoot: paths.repoRoot, port: app.port, env, logFile }),
      );
      progress.info(`${app.name}: starting on port ${app.port} (log ${logFile})`);
    } catch (error) {
      progress.fail(error instanceof Error ? error.message : String(error));
    }
  }
  const unhealthy: string[] = [];
  await Promise.all(
    running.map((app) =>
      waitForAppHealth(app, {
        onProgress: (s) => progress.info(`${app.name}: waiting for /health (${s}s)`),
      })
        .then(() => progress.ok(`${app.name}: healthy on ${app.url}`))
        .catch((error: unknown) => {
          unhealthy.push(app.name);
          progress.fail(error instanceof AppUnhealthyError ? error.message : String(error));
        }),
    ),
  );
  process.stdout.write(`\n${summary(databaseUrl, unhealthy)}\n`);
  if (unhealthy.length > 0) progress.warn(`not healthy: ${unhealthy.join(', ')} (see their logs)`);
  setInterval(() => {
    if (stopping) return; // exits during shutdown are expected
    for (const app of running.filter((a) => !isProcessAlive(a.pid))) {
      progress.fail(`${app.name} (pid ${app.pid}) exited; see ${app.logFile}`);
      running.splice(running.indexOf(app), 1);
    }
  }, 2_000);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch((error: unknown) => {
  progress.fail(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  void shutdown(1);
});
