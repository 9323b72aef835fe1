/**
 * Boots the real gateway modules on a random port with in-memory adapters (fake requester,
 * in-memory operations, local keys), for HTTP-level tests with `fetch`.
 */
import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createGateway } from '../app.setup';
import { loadGatewayConfig, type GatewayConfig } from '../config';
import { InMemoryOperationRepository } from '../idempotency/operation.repository';
import type { TransactionEvents } from '../transactions/transaction-events';
import { FakeRequester } from './fake-requester';
import { testTokens, type TestTokens } from './test-tokens';

/** POSTs `body` as JSON with a bearer token and a fresh `Idempotency-Key`. */
export function postJson(url: string, token: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify(body),
  });
}

export interface GatewayHarness {
  app: NestExpressApplication;
  baseUrl: string;
  requester: FakeRequester;
  operations: InMemoryOperationRepository;
  tokens: TestTokens;
  config: GatewayConfig;
  close(): Promise<void>;
}

export async function startGateway(
  env: NodeJS.ProcessEnv = {},
  transactionEvents?: TransactionEvents,
): Promise<GatewayHarness> {
  const config = loadGatewayConfig({
    STRATA_CONSOLE_DIR: '/nonexistent/console',
    STRATA_REPLY_TIMEOUT_MS: '200',
    STRATA_LOG_LEVEL: 'fatal',
    ...env,
  });
  const requester = new FakeRequester();
  const operations = new InMemoryOperationRepository();
  const tokens = await testTokens();
  const app = await createGateway(
    config,
    { requester, operations, tokenVerifier: tokens.verifier, probes: [], transactionEvents },
    { quiet: true },
  );
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    requester,
    operations,
    tokens,
    config,
    close: () => app.close(),
  };
}
