/**
 * The registry of Strata's backend apps (name, default port, entry file) and how to run one as a
 * child process: environment from the stack's endpoints, output to a log file, wait for /health.
 */
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StackEndpoints } from './stack/stack';
import { isProcessAlive, startDetached, stopProcess, tailFile } from './stack/process';
import { httpAnswers, waitFor, WaitOptions } from './wait';

export type AppName =
  'gateway' | 'platform-mgmt' | 'ledger' | 'identity' | 'template-marketplace' | 'app-store';

export interface AppDefinition {
  name: AppName;
  port: number;
  /** Entry file relative to the repository root. */
  entry: string;
}

const app = (name: AppName, port: number): AppDefinition => ({
  name,
  port,
  entry: `apps/${name}/src/main.ts`,
});

/** Backend apps first, gateway last (it fronts the others through Kafka). */
export const APPS: readonly AppDefinition[] = [
  app('platform-mgmt', 3101),
  app('ledger', 3102),
  app('identity', 3103),
  app('template-marketplace', 3104),
  app('app-store', 3105),
  app('gateway', 3000),
];

export function appDefinition(name: AppName): AppDefinition {
  const found = APPS.find((a) => a.name === name);
  if (!found) throw new Error(`unknown app ${name}`);
  return found;
}

export function appExists(repoRoot: string, definition: AppDefinition): boolean {
  return existsSync(join(repoRoot, definition.entry));
}

export interface AppEnvOptions {
  port: number;
  databaseUrl: string;
  topicPrefix?: string;
  logLevel?: string;
  consoleDir?: string;
}

/** The STRATA_* variables an app reads (see libs/config), pointing at the given stack. */
export function appEnvironment(
  name: AppName,
  stack: StackEndpoints,
  options: AppEnvOptions,
): Record<string, string> {
  const env: Record<string, string> = {
    STRATA_HTTP_HOST: '127.0.0.1',
    STRATA_HTTP_PORT: String(options.port),
    STRATA_DATABASE_URL: options.databaseUrl,
    STRATA_KAFKA_BROKERS: stack.kafkaBrokers,
    STRATA_TOPIC_PREFIX: options.topicPrefix ?? '',
    STRATA_LOG_LEVEL: options.logLevel ?? 'info',
  };
  // The local stack's webhook receivers (tests, demos) listen on this machine.
  if (name === 'ledger' || name === 'platform-mgmt')
    env.STRATA_WEBHOOK_ALLOWED_PRIVATE_CIDRS = '127.0.0.0/8,::1/128';
  if (name === 'gateway') {
    env.STRATA_OIDC_ISSUER = stack.keycloakIssuer;
    env.STRATA_OIDC_JWKS_URL = `${stack.keycloakIssuer}/protocol/openid-connect/certs`;
    env.STRATA_OIDC_AUDIENCE = 'strata-gateway';
    env.STRATA_CONSOLE_OIDC_CLIENT_ID = 'strata-console';
    if (options.consoleDir) env.STRATA_CONSOLE_DIR = options.consoleDir;
  }
  return env;
}

export interface RunningApp {
  name: AppName;
  pid: number;
  port: number;
  url: string;
  command: string[];
  env: Record<string, string>;
  logFile: string;
}

export interface StartAppOptions {
  repoRoot: string;
  port: number;
  env: Record<string, string>;
  logFile: string;
}

/** Starts `node -r @swc-node/register <entry>` detached, with the given STRATA_* env. */
/**
 * Whether a server could listen on the port now. Binding is the only reliable test: probing with
 * a connection can self-connect on an ephemeral port nobody listens on and report it as taken.
 */
export function canListenOn(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A port nothing listens on right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startApp(name: AppName, options: StartAppOptions): Promise<RunningApp> {
  const definition = appDefinition(name);
  if (!(await canListenOn(options.port))) {
    throw new Error(`${name}: port ${options.port} is already in use (another npm start running?)`);
  }
  const command = [process.execPath, '-r', '@swc-node/register', definition.entry];
  const pid = startDetached({
    command: command[0],
    args: command.slice(1),
    cwd: options.repoRoot,
    env: { ...process.env, ...options.env },
    logFile: options.logFile,
  });
  return {
    name,
    pid,
    port: options.port,
    url: `http://127.0.0.1:${options.port}`,
    command,
    env: options.env,
    logFile: options.logFile,
  };
}

export class AppUnhealthyError extends Error {
  constructor(
    readonly app: RunningApp,
    cause: string,
  ) {
    super(
      `${app.name} did not become healthy: ${cause}\n--- last lines of ${app.logFile} ---\n${tailFile(app.logFile)}`,
    );
    this.name = 'AppUnhealthyError';
  }
}

/**
 * Waits for GET /health = 200; fails early (with the log's tail) if the process exits. The bound
 * is 120 s unless STRATA_E2E_HEALTH_TIMEOUT_MS says otherwise (a heavily shared machine).
 */
export async function waitForAppHealth(app: RunningApp, options: WaitOptions = {}): Promise<void> {
  try {
    await waitFor(`${app.name} /health`, () => httpAnswers(`${app.url}/health`), {
      timeoutMs: Number(process.env.STRATA_E2E_HEALTH_TIMEOUT_MS ?? 120_000),
      intervalMs: 500,
      abortReason: () => (isProcessAlive(app.pid) ? undefined : 'the process exited'),
      ...options,
    });
  } catch (error) {
    throw new AppUnhealthyError(app, error instanceof Error ? error.message : String(error));
  }
}

export function stopApp(app: Pick<RunningApp, 'pid'>, graceMs = 10_000): Promise<void> {
  return stopProcess(app.pid, graceMs);
}
