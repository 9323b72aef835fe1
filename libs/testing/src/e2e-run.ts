/**
 * The e2e run description written by the jest global setup (.stack/e2e/run.json) and the helpers
 * tests use with it: read it, crash an app (SIGKILL) and restart it with the same command and env.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppName, canListenOn, freePort, RunningApp, startApp, waitForAppHealth } from './apps';
import { stackPaths } from './stack/paths';
import { StackServiceName } from './stack/state';
import { isProcessAlive, signalProcess, stopProcess } from './stack/process';
import { sleep } from './wait';

export interface E2eRun {
  runId: string;
  databaseUrl: string;
  topicPrefix: string;
  kafkaBrokers: string;
  apps: Partial<Record<AppName, RunningApp>>;
  keycloak: {
    url: string;
    issuer: string;
    realm: string;
    adminUsername: string;
  };
  anvilRpcUrl: string;
  /** Stack services the global setup started (the teardown stops these, not reused ones). */
  startedServices: StackServiceName[];
}

export function e2eRunFile(): string {
  return process.env.STRATA_E2E_RUN_FILE ?? stackPaths().e2eRunFile;
}

export function readE2eRun(file: string = e2eRunFile()): E2eRun {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as E2eRun;
  } catch (error) {
    throw new Error(
      `no e2e run at ${file}: run the tests through jest's e2e project (${String(error)})`,
    );
  }
}

export function writeE2eRun(run: E2eRun, file: string = e2eRunFile()): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(run, null, 2) + '\n');
  renameSync(temp, file);
}

/** The app as the run knows it; throws if the run did not start it (e.g. it does not exist yet). */
export function runningApp(name: AppName, run: E2eRun = readE2eRun()): RunningApp {
  const found = run.apps[name];
  if (!found) throw new Error(`${name} is not part of this e2e run (was it skipped?)`);
  return found;
}

/** Sends `signal` (default SIGKILL, a crash) to the app and waits until it is gone. */
export async function killApp(name: AppName, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  const { pid } = runningApp(name);
  signalProcess(pid, signal);
  const deadline = Date.now() + 30_000;
  while (isProcessAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isProcessAlive(pid)) throw new Error(`${name} (pid ${pid}) still alive after ${signal}`);
}

/**
 * The port to restart an app on: its previous one once it can be bound again. A port of the
 * ephemeral range may stay taken for a while after a crash (seen under load); internal apps are
 * reached only for /health and /metrics, so they move to a fresh port instead of failing the test.
 * The gateway keeps its port (the console's sign-in redirect is registered for it).
 */
async function portForRestart(name: AppName, previousPort: number): Promise<number> {
  const deadline = Date.now() + (name === 'gateway' ? 30_000 : 5_000);
  while (Date.now() < deadline) {
    if (await canListenOn(previousPort)) return previousPort;
    await sleep(200);
  }
  if (name === 'gateway') return previousPort; // startApp reports the clash
  return freePort();
}

/**
 * Stops the app if it still runs, starts it again with the same env (plus `extraEnv`, kept for
 * later restarts), waits for /health.
 */
export async function restartApp(
  name: AppName,
  extraEnv: Record<string, string> = {},
): Promise<RunningApp> {
  const run = readE2eRun();
  const previous = runningApp(name, run);
  await stopProcess(previous.pid, 10_000);
  const port = await portForRestart(name, previous.port);
  const started = await startApp(name, {
    repoRoot: stackPaths().repoRoot,
    port,
    env: { ...previous.env, ...extraEnv, STRATA_HTTP_PORT: String(port) },
    logFile: previous.logFile,
  });
  await waitForAppHealth(started);
  writeE2eRun({ ...readE2eRun(), apps: { ...readE2eRun().apps, [name]: started } });
  return started;
}

/**
 * Another instance of one of the run's apps, as when several run behind a load balancer: the
 * same env on a free port, with a log file of its own. The caller stops it (`stopProcess`).
 */
export async function startAnotherInstance(name: AppName): Promise<RunningApp> {
  const first = runningApp(name);
  const port = await freePort();
  const started = await startApp(name, {
    repoRoot: stackPaths().repoRoot,
    port,
    env: { ...first.env, STRATA_HTTP_PORT: String(port) },
    logFile: first.logFile.replace(/(\.log)?$/, `-${port}.log`),
  });
  await waitForAppHealth(started);
  return started;
}
