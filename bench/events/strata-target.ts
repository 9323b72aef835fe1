/**
 * Strata's side of the events benchmark, set up: the local stack (reused or started), a fresh
 * database and topic prefix, platform-mgmt, ledger and gateway as child processes, an
 * organisation with an institution admin and a network on the benchmark's anvil.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  appEnvironment,
  createUser,
  databaseUrlFor,
  dropDatabase,
  ensureDatabase,
  passwordToken,
  type Progress,
  type RunningApp,
  stackDown,
  stackPaths,
  stackUp,
  startApp,
  stopApp,
  waitForAppHealth,
} from '@strata/testing';

export interface EventsTarget {
  gatewayUrl: string;
  token: string;
  networkId: string;
  kafkaBrokers: string[];
  topicPrefix: string;
  /** Process id of each app the benchmark started, by app name. */
  pids: Record<string, number>;
  /** The run's database (the apps' schemas). */
  databaseUrl: string;
  close(options: { keepDatabase: boolean }): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** POSTs with an Idempotency-Key; follows a 202 operation until it settles. */
export async function post(
  gatewayUrl: string,
  path: string,
  token: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(`${gatewayUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    if (response.status === 201) return answer;
    if (response.status === 202) return settle(gatewayUrl, token, String(answer.id));
    // The ledger learns of a new network through an event: retry a 404 for a while.
    if (response.status !== 404 || attempt > 100) {
      throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
    }
    await sleep(200);
  }
}

async function settle(
  gatewayUrl: string,
  token: string,
  operationId: string,
): Promise<Record<string, unknown>> {
  for (;;) {
    const response = await fetch(`${gatewayUrl}/api/v1/operations/${operationId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const operation = (await response.json()) as Record<string, unknown>;
    if (operation.status === 'succeeded') return operation.result as Record<string, unknown>;
    if (operation.status === 'failed')
      throw new Error(`operation failed: ${JSON.stringify(operation)}`);
    await sleep(100);
  }
}

export async function startEventsTarget(options: {
  gatewayPort: number;
  platformMgmtPort: number;
  ledgerPort: number;
  rpcUrl: string;
  progress: Progress;
}): Promise<EventsTarget> {
  const { progress } = options;
  const paths = stackPaths();
  const stack = await stackUp({ progress });
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const databaseUrl = databaseUrlFor(stack.postgresUrl, `strata_bench_${runId}`);
  await ensureDatabase(databaseUrl);
  const topicPrefix = `bench${runId}.`;
  const running: RunningApp[] = [];
  const close = async ({ keepDatabase }: { keepDatabase: boolean }) => {
    await Promise.all(running.map((app) => stopApp(app)));
    if (!keepDatabase) await dropDatabase(databaseUrl).catch(() => undefined);
    if (stack.started.length > 0) await stackDown({ services: stack.started, progress });
  };
  try {
    const apps = [
      { name: 'platform-mgmt', port: options.platformMgmtPort },
      { name: 'ledger', port: options.ledgerPort },
      { name: 'gateway', port: options.gatewayPort },
    ] as const;
    for (const app of apps) {
      const env = {
        ...appEnvironment(app.name, stack, {
          port: app.port,
          databaseUrl,
          topicPrefix,
          logLevel: 'warn',
        }),
        STRATA_RATE_LIMIT_PER_MINUTE: '100000000',
      };
      const logFile = join(paths.logs, 'bench', `${app.name}-${runId}.log`);
      running.push(
        await startApp(app.name, { repoRoot: paths.repoRoot, port: app.port, env, logFile }),
      );
    }
    await Promise.all(running.map((app) => waitForAppHealth(app)));
    progress.ok('platform-mgmt, ledger and gateway healthy');
    const gatewayUrl = `http://127.0.0.1:${options.gatewayPort}`;
    const admin = (await passwordToken('admin')).accessToken;
    const organisation = await post(gatewayUrl, '/api/v1/organisations', admin, {
      name: `Bench events ${runId}`,
      country: 'DE',
    });
    const username = `bench-${runId}`;
    await createUser({
      username,
      password: 'strata-bench',
      roles: ['institution-admin'],
      organisationId: String(organisation.id),
    });
    const token = (await passwordToken(username, 'strata-bench')).accessToken;
    const network = await post(gatewayUrl, '/api/v1/networks', admin, {
      name: `Bench events chain ${runId}`,
      memberOrganisationIds: [organisation.id],
      rpcUrl: options.rpcUrl,
    });
    return {
      gatewayUrl,
      token,
      networkId: String(network.id),
      kafkaBrokers: stack.kafkaBrokers.split(','),
      topicPrefix,
      pids: Object.fromEntries(running.map((app) => [app.name, app.pid])),
      databaseUrl,
      close,
    };
  } catch (error) {
    await close({ keepDatabase: false });
    throw error;
  }
}
