/**
 * anvil (from @foundry-rs/anvil) as the local default chain: chain id 31337 on 127.0.0.1:18545.
 * The chain is ephemeral: restarting anvil starts a fresh chain.
 */
import { join } from 'node:path';
import { StackPaths } from './paths';
import { startDetached } from './process';
import { waitFor, WaitOptions } from '../wait';

export const ANVIL_PORT = 18545;
export const ANVIL_CHAIN_ID = 31337;
export const ANVIL_RPC_URL = `http://127.0.0.1:${ANVIL_PORT}`;

export function anvilBinary(paths: StackPaths): string {
  return join(paths.repoRoot, 'node_modules', '@foundry-rs', 'anvil-linux-amd64', 'bin', 'anvil');
}

export function startAnvil(paths: StackPaths, logFile: string): number {
  return startDetached({
    command: anvilBinary(paths),
    args: [
      '--host',
      '127.0.0.1',
      '--port',
      String(ANVIL_PORT),
      '--chain-id',
      String(ANVIL_CHAIN_ID),
    ],
    cwd: paths.root,
    env: process.env,
    logFile,
  });
}

/** Sends one JSON-RPC call and returns its `result` (throws on an RPC error). */
export async function jsonRpc<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    signal: AbortSignal.timeout(3_000),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

export async function anvilAnswers(url: string = ANVIL_RPC_URL): Promise<boolean> {
  try {
    return Number(await jsonRpc<string>(url, 'eth_chainId')) === ANVIL_CHAIN_ID;
  } catch {
    return false;
  }
}

export function waitForAnvil(options: WaitOptions = {}): Promise<void> {
  return waitFor(`anvil on ${ANVIL_RPC_URL}`, () => anvilAnswers(), {
    timeoutMs: 20_000,
    ...options,
  });
}
