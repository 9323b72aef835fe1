/**
 * The local stack as one unit: `up` reuses every service that already listens and answers and
 * starts only the missing ones (remembering their pids), `status` reports each service, and
 * `down` stops only what the stack itself started.
 */
import { join } from 'node:path';
import { StackPaths, stackPaths } from './paths';
import { readStackState, StackServiceName, updateStackState } from './state';
import { isProcessAlive, stopProcess, tailFile } from './process';
import { Progress, silentProgress } from '../progress';
import { KAFKA_BROKERS, isKafkaListening, startKafka, waitForKafka } from './kafka';
import { ANVIL_RPC_URL, anvilAnswers, startAnvil, waitForAnvil } from './anvil';
import {
  KEYCLOAK_ISSUER,
  KEYCLOAK_URL,
  keycloakAnswers,
  importedRealmSha256,
  realmAnswers,
  realmSha256,
  reimportRealm,
  startKeycloak,
  waitForKeycloak,
} from './keycloak';
import {
  EMBEDDED_POSTGRES_URL,
  MACHINE_POSTGRES_URL,
  embeddedPostgresListening,
  machinePostgresListening,
  startEmbeddedPostgres,
  waitForPostgres,
} from './postgres';
import { waitFor } from '../wait';

export const STACK_SERVICES: readonly StackServiceName[] = [
  'postgres',
  'kafka',
  'anvil',
  'keycloak',
];

export interface StackEndpoints {
  postgresUrl: string;
  kafkaBrokers: string;
  keycloakUrl: string;
  keycloakIssuer: string;
  anvilRpcUrl: string;
}

export interface StackUpResult extends StackEndpoints {
  /** Services this call started (stop them when you are done with them). */
  started: StackServiceName[];
  /** Services that were already running and were reused. */
  reused: StackServiceName[];
}

export interface StackServiceStatus {
  name: StackServiceName;
  endpoint: string;
  up: boolean;
  /** pid when the stack started it (and it is still alive). */
  pid?: number;
  logFile?: string;
}

interface StartPlan {
  name: StackServiceName;
  running: () => Promise<boolean>;
  start: (logFile: string) => Promise<number>;
  ready: () => Promise<void>;
}

export function stackLogFile(paths: StackPaths, name: StackServiceName): string {
  return join(paths.logs, `${name}.log`);
}

async function postgresUrl(): Promise<{ url: string; running: boolean }> {
  if (await machinePostgresListening()) return { url: MACHINE_POSTGRES_URL, running: true };
  return { url: EMBEDDED_POSTGRES_URL, running: await embeddedPostgresListening() };
}

function plans(paths: StackPaths, pgUrl: string, progress: Progress): StartPlan[] {
  const onProgress = (name: string) => (s: number) =>
    progress.info(`${name}: still starting (${s}s)`);
  return [
    {
      name: 'postgres',
      running: async () => (await postgresUrl()).running,
      start: (log) => startEmbeddedPostgres(paths, log),
      ready: () => waitForPostgres(pgUrl, { onProgress: onProgress('postgres') }),
    },
    {
      name: 'kafka',
      running: isKafkaListening,
      start: (log) => Promise.resolve(startKafka(paths, log)),
      ready: () => waitForKafka({ onProgress: onProgress('kafka') }),
    },
    {
      name: 'anvil',
      running: () => anvilAnswers(),
      start: (log) => Promise.resolve(startAnvil(paths, log)),
      ready: () => waitForAnvil({ onProgress: onProgress('anvil') }),
    },
    {
      name: 'keycloak',
      running: keycloakAnswers,
      // A first start imports the current realm file itself (stamped with its sha-256).
      start: (log) => Promise.resolve(startKeycloak(paths, log)),
      ready: () => waitForKeycloak({ onProgress: onProgress('keycloak') }),
    },
  ];
}

/** Forgets recorded services whose process has died (e.g. after a reboot). */
function forgetDeadServices(paths: StackPaths): void {
  updateStackState(paths.stateFile, (state) => {
    for (const name of STACK_SERVICES) {
      const started = state.started[name];
      if (started && !isProcessAlive(started.pid)) delete state.started[name];
    }
  });
}

export async function stackUp(
  options: { progress?: Progress; paths?: StackPaths } = {},
): Promise<StackUpResult> {
  const progress = options.progress ?? silentProgress;
  const paths = options.paths ?? stackPaths();
  forgetDeadServices(paths);
  const pg = await postgresUrl();
  const result: StackUpResult = { ...endpoints(pg.url), started: [], reused: [] };
  const waits: Promise<void>[] = [];
  for (const plan of plans(paths, pg.url, progress)) {
    if (await plan.running()) {
      result.reused.push(plan.name);
      waits.push(plan.ready().then(() => progress.ok(`${plan.name}: already running, reused`)));
      continue;
    }
    const logFile = stackLogFile(paths, plan.name);
    progress.info(`${plan.name}: starting (log ${logFile})`);
    const pid = await plan.start(logFile);
    result.started.push(plan.name);
    updateStackState(paths.stateFile, (s) => {
      s.started[plan.name] = { pid, startedAt: new Date().toISOString(), logFile };
    });
    const started = Date.now();
    waits.push(
      plan
        .ready()
        .then(() =>
          progress.ok(
            `${plan.name}: up in ${((Date.now() - started) / 1000).toFixed(1)}s (pid ${pid})`,
          ),
        )
        .catch((error: unknown) => {
          progress.fail(
            `${plan.name}: did not come up; last lines of ${logFile}:\n${tailFile(logFile)}`,
          );
          throw error;
        }),
    );
  }
  await Promise.all(waits);
  updateStackState(paths.stateFile, (s) => {
    s.postgresUrl = pg.url;
  });
  await ensureRealmCurrent(paths, progress);
  return result;
}

/** Imports the realm again when the realm file changed since the last import (or it is missing). */
async function ensureRealmCurrent(paths: StackPaths, progress: Progress): Promise<void> {
  const sha = realmSha256(paths);
  const realmThere = await waitFor('the strata realm', realmAnswers, { timeoutMs: 30_000 })
    .then(() => true)
    .catch(() => false);
  if (realmThere && (await importedRealmSha256()) === sha) return;
  progress.info(
    `keycloak: ${realmThere ? 'realm file changed, re-importing' : 'importing'} realm strata`,
  );
  await reimportRealm(paths);
  progress.ok('keycloak: realm strata imported');
}

function endpoints(pgUrl: string): StackEndpoints {
  return {
    postgresUrl: pgUrl,
    kafkaBrokers: KAFKA_BROKERS,
    keycloakUrl: KEYCLOAK_URL,
    keycloakIssuer: KEYCLOAK_ISSUER,
    anvilRpcUrl: ANVIL_RPC_URL,
  };
}

export async function stackStatus(paths: StackPaths = stackPaths()): Promise<StackServiceStatus[]> {
  forgetDeadServices(paths);
  const state = readStackState(paths.stateFile);
  const pg = await postgresUrl();
  const checks: Record<StackServiceName, [string, () => Promise<boolean>]> = {
    postgres: [pg.url, () => Promise.resolve(pg.running)],
    kafka: [KAFKA_BROKERS, isKafkaListening],
    anvil: [ANVIL_RPC_URL, () => anvilAnswers()],
    keycloak: [KEYCLOAK_ISSUER, realmAnswers],
  };
  return Promise.all(
    STACK_SERVICES.map(async (name) => ({
      name,
      endpoint: checks[name][0],
      up: await checks[name][1](),
      pid: state.started[name]?.pid,
      logFile: state.started[name]?.logFile,
    })),
  );
}

/** Stops the given services (default: all) if, and only if, the stack started them. */
export async function stackDown(
  options: { services?: readonly StackServiceName[]; progress?: Progress; paths?: StackPaths } = {},
): Promise<StackServiceName[]> {
  const progress = options.progress ?? silentProgress;
  const paths = options.paths ?? stackPaths();
  const wanted = options.services ?? STACK_SERVICES;
  const state = readStackState(paths.stateFile);
  const stopped: StackServiceName[] = [];
  for (const name of [...STACK_SERVICES].reverse()) {
    const started = state.started[name];
    if (!wanted.includes(name)) continue;
    if (!started) {
      progress.info(`${name}: not started by the stack, left alone`);
      continue;
    }
    progress.info(`${name}: stopping pid ${started.pid}`);
    await stopProcess(started.pid, 30_000, name === 'postgres' ? 'SIGINT' : 'SIGTERM');
    updateStackState(paths.stateFile, (s) => {
      delete s.started[name];
    });
    stopped.push(name);
    progress.ok(`${name}: stopped`);
  }
  return stopped;
}
