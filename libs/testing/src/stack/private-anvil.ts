/**
 * An anvil of a test file's own, on a free port: contract tests deploy and mine on it without
 * sharing nonces or state with the stack's anvil (18545) or with other test files. anvil starts
 * in about 0.1 s; `stop()` kills it and its chain.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { anvilAnswers, anvilBinary, ANVIL_CHAIN_ID } from './anvil';
import { stackPaths } from './paths';
import { waitFor } from '../wait';

export interface PrivateAnvil {
  rpcUrl: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
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

/** Starts anvil (chain id 31337, its ten funded dev accounts) on a free port of 127.0.0.1. */
export async function startPrivateAnvil(extraArgs: string[] = []): Promise<PrivateAnvil> {
  const port = await freePort();
  const child = spawn(
    anvilBinary(stackPaths()),
    [
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--chain-id',
      String(ANVIL_CHAIN_ID),
      ...extraArgs,
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const rpcUrl = `http://127.0.0.1:${port}`;
  await waitFor(`private anvil on ${rpcUrl}`, () => anvilAnswers(rpcUrl), {
    timeoutMs: 20_000,
    intervalMs: 50,
    abortReason: () =>
      child.exitCode !== null ? `anvil exited with ${child.exitCode}` : undefined,
  });
  return {
    rpcUrl,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
