/**
 * Strata's side of the transactions benchmark: the local stack (reused or started), a fresh
 * database and topic prefix, platform-mgmt, ledger and gateway as child processes (rate limit
 * lifted), an organisation with an institution admin, a network on the benchmark's anvil and
 * its funded signing accounts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  appEnvironment,
  createUser,
  databaseUrlFor,
  dropDatabase,
  ensureDatabase,
  type IssuedToken,
  passwordToken,
  type Progress,
  type RunningApp,
  stackDown,
  type StackServiceName,
  stackPaths,
  stackUp,
  startApp,
  stopApp,
  waitForAppHealth,
} from '@strata/testing';
import { sleep } from './latency';

export interface TransactionsTarget {
  gatewayUrl: string;
  /** The institution admin's access token, renewed a minute before it expires (long runs). */
  token: () => Promise<string>;
  networkId: string;
  accounts: string[];
  /** Process ids of the benchmark's own apps (CPU accounting). */
  pids: Record<string, number>;
  /** The run's own database (per-stage timestamps). */
  databaseUrl: string;
  close(options: { keepDatabase: boolean }): Promise<void>;
}

interface Ports {
  gatewayPort: number;
  platformMgmtPort: number;
  ledgerPort: number;
}

async function call(
  url: string,
  token: string,
  body: unknown,
  expect: number[],
): Promise<Record<string, unknown>> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    if (expect.includes(response.status)) return answer;
    // The ledger learns of a new network through an event: retry a 404 for a while.
    if (response.status !== 404 || attempt > 50) {
      throw new Error(`POST ${url} answered ${response.status}: ${JSON.stringify(answer)}`);
    }
    await sleep(200);
  }
}

export async function startTransactionsTarget(
  options: Ports & { rpcUrl: string; accounts: number; progress: Progress },
): Promise<TransactionsTarget> {
  const { progress } = options;
  const paths = stackPaths();
  const stack = await stackUp({ progress });
  const startedServices: StackServiceName[] = stack.started;
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const databaseUrl = databaseUrlFor(stack.postgresUrl, `strata_bench_${runId}`);
  await ensureDatabase(databaseUrl);
  const topicPrefix = `bench${runId}.`;
  const running: RunningApp[] = [];
  const close = async ({ keepDatabase }: { keepDatabase: boolean }) => {
    await Promise.all(running.map((app) => stopApp(app)));
    if (!keepDatabase) await dropDatabase(databaseUrl).catch(() => undefined);
    if (startedServices.length > 0) await stackDown({ services: startedServices, progress });
  };
  try {
    const apps: {
      name: 'platform-mgmt' | 'ledger' | 'gateway';
      port: number;
      extra: Record<string, string>;
    }[] = [
      { name: 'platform-mgmt', port: options.platformMgmtPort, extra: {} },
      { name: 'ledger', port: options.ledgerPort, extra: {} },
      {
        name: 'gateway',
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
      running.push(
        await startApp(app.name, { repoRoot: paths.repoRoot, port: app.port, env, logFile }),
      );
    }
    await Promise.all(running.map((app) => waitForAppHealth(app)));
    progress.ok('platform-mgmt, ledger and gateway healthy');
    const gatewayUrl = `http://127.0.0.1:${options.gatewayPort}`;
    const admin = (await passwordToken('admin')).accessToken;
    const organisation = await call(
      `${gatewayUrl}/api/v1/organisations`,
      admin,
      { name: `Bench bank ${runId}`, country: 'DE' },
      [201],
    );
    const username = `bench-${runId}`;
    await createUser({
      username,
      password: 'strata-bench',
      roles: ['institution-admin'],
      organisationId: String(organisation.id),
    });
    const token = renewingToken(() => passwordToken(username, 'strata-bench'));
    const network = await call(
      `${gatewayUrl}/api/v1/networks`,
      admin,
      {
        name: `Bench chain ${runId}`,
        memberOrganisationIds: [organisation.id],
        rpcUrl: options.rpcUrl,
      },
      [201],
    );
    const networkId = String(network.id);
    const accounts: string[] = [];
    for (let i = 0; i < options.accounts; i++) {
      const account = await call(
        `${gatewayUrl}/api/v1/networks/${networkId}/accounts`,
        await token(),
        { label: `bench-${i}` },
        [201],
      );
      accounts.push(String(account.address));
    }
    progress.ok(`${accounts.length} signing accounts created and funded`);
    const pids = Object.fromEntries(running.map((app) => [app.name, app.pid]));
    return { gatewayUrl, token, networkId, accounts, pids, databaseUrl, close };
  } catch (error) {
    await close({ keepDatabase: false });
    throw error;
  }
}

/**
 * An access token that is fetched again a minute before it expires (a benchmark may outlast the
 * realm's token lifespan); concurrent callers share one renewal.
 */
function renewingToken(login: () => Promise<IssuedToken>): () => Promise<string> {
  let current = login();
  return async () => {
    const held = current;
    const issued = await held;
    if (issued.claims.exp * 1000 - Date.now() > 60_000) return issued.accessToken;
    if (current === held) current = login();
    return (await current).accessToken;
  };
}
