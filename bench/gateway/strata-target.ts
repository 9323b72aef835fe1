/**
 * Strata's side of the gateway benchmark: the local stack (reused or started), a fresh database and
 * Kafka topic prefix, platform-mgmt and the gateway as child processes (rate limit lifted), an
 * admin bearer token from Keycloak, and a few organisations registered through the API.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  appEnvironment,
  databaseUrlFor,
  dropDatabase,
  ensureDatabase,
  passwordToken,
  Progress,
  RunningApp,
  stackPaths,
  stackUp,
  startApp,
  stopApp,
  StackServiceName,
  stackDown,
  waitForAppHealth,
} from '@strata/testing';

export interface StrataTarget {
  gatewayUrl: string;
  token: string;
  /** Stops the apps, drops the database and stops stack services this run started. */
  close(options: { keepDatabase: boolean }): Promise<void>;
}

export interface StrataTargetOptions {
  gatewayPort: number;
  platformMgmtPort: number;
  seed: number;
  progress: Progress;
}

async function registerOrganisations(
  gatewayUrl: string,
  token: string,
  count: number,
  runId: string,
): Promise<void> {
  for (let i = 1; i <= count; i++) {
    const response = await fetch(`${gatewayUrl}/api/v1/organisations`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': `bench-${runId}-${i}`,
      },
      body: JSON.stringify({
        name: `Bench administration ${i}`,
        country: 'DE',
        legalIdentifier: `BENCH-${runId}-${i}`,
      }),
    });
    if (response.status !== 201 && response.status !== 202) {
      throw new Error(
        `registering organisation ${i} failed (${response.status}): ${await response.text()}`,
      );
    }
  }
}

export async function startStrataTarget(options: StrataTargetOptions): Promise<StrataTarget> {
  const { progress } = options;
  const paths = stackPaths();
  const stack = await stackUp({ progress });
  const startedServices: StackServiceName[] = stack.started;
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const databaseUrl = databaseUrlFor(stack.postgresUrl, `strata_bench_${runId}`);
  await ensureDatabase(databaseUrl);
  const topicPrefix = `bench${runId}.`;
  progress.ok(`database ${new URL(databaseUrl).pathname.slice(1)}, topic prefix ${topicPrefix}`);
  const running: RunningApp[] = [];
  const close = async ({ keepDatabase }: { keepDatabase: boolean }) => {
    await Promise.all(running.map((app) => stopApp(app)));
    if (!keepDatabase) await dropDatabase(databaseUrl).catch(() => undefined);
    if (startedServices.length > 0) await stackDown({ services: startedServices, progress });
  };
  try {
    const apps = [
      {
        name: 'platform-mgmt' as const,
        port: options.platformMgmtPort,
        extra: {} as Record<string, string>,
      },
      // Every request carries the same token (one subject): lift the per-caller limit.
      {
        name: 'gateway' as const,
        port: options.gatewayPort,
        extra: { STRATA_RATE_LIMIT_PER_MINUTE: '100000000' },
      },
    ];
    for (const app of apps) {
      const env = {
        ...appEnvironment(app.name, stack, {
          port: app.port,
          databaseUrl,
          topicPrefix,
          logLevel: 'warn',
        }),
        ...app.extra,
      };
      const logFile = join(paths.logs, 'bench', `${app.name}-${runId}.log`);
      const started = await startApp(app.name, {
        repoRoot: paths.repoRoot,
        port: app.port,
        env,
        logFile,
      });
      running.push(started);
      progress.info(`${app.name}: starting on ${started.url} (log ${logFile})`);
    }
    await Promise.all(
      running.map((app) =>
        waitForAppHealth(app, {
          onProgress: (s) => progress.info(`${app.name}: waiting for /health (${s}s)`),
        }).then(() => progress.ok(`${app.name}: healthy`)),
      ),
    );
    const token = (await passwordToken('admin')).accessToken;
    progress.ok('token for admin from Keycloak (password grant, strata-gateway)');
    const gatewayUrl = `http://127.0.0.1:${options.gatewayPort}`;
    await registerOrganisations(gatewayUrl, token, options.seed, runId);
    progress.ok(`${options.seed} organisations registered through the gateway`);
    return { gatewayUrl, token, close };
  } catch (error) {
    await close({ keepDatabase: false });
    throw error;
  }
}
