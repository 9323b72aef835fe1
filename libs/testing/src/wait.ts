/**
 * Polling helpers with timeouts and readable progress: wait for a port, an HTTP answer or any
 * condition, printing what is awaited and how long it has taken so far.
 */
import { createConnection } from 'node:net';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Called about every 5 s with the elapsed seconds, e.g. to print "still waiting". */
  onProgress?: (elapsedSeconds: number) => void;
  /** Checked before each poll: a reason to give up early (e.g. the process died). */
  abortReason?: () => string | undefined;
}

export class WaitTimeoutError extends Error {
  constructor(description: string, timeoutMs: number) {
    super(`timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${description}`);
    this.name = 'WaitTimeoutError';
  }
}

export async function waitFor(
  description: string,
  condition: () => Promise<boolean>,
  options: WaitOptions = {},
): Promise<void> {
  const { timeoutMs = 60_000, intervalMs = 250, onProgress, abortReason } = options;
  const start = Date.now();
  let lastProgress = start;
  for (;;) {
    const reason = abortReason?.();
    if (reason) throw new Error(`gave up waiting for ${description}: ${reason}`);
    if (await condition().catch(() => false)) return;
    const now = Date.now();
    if (now - start > timeoutMs) throw new WaitTimeoutError(description, timeoutMs);
    if (onProgress && now - lastProgress >= 5_000) {
      lastProgress = now;
      onProgress(Math.round((now - start) / 1000));
    }
    await sleep(intervalMs);
  }
}

export function isPortOpen(port: number, host = '127.0.0.1', timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** True when `url` answers with a status `accept` likes (default: 2xx). */
export async function httpAnswers(
  url: string,
  accept: (status: number) => boolean = (s) => s >= 200 && s < 300,
  timeoutMs = 3_000,
): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return accept(response.status);
  } catch {
    return false;
  }
}

export function waitForPort(port: number, options: WaitOptions & { host?: string } = {}) {
  const host = options.host ?? '127.0.0.1';
  return waitFor(`${host}:${port} to listen`, () => isPortOpen(port, host), options);
}

export function waitForHttp(url: string, options: WaitOptions = {}) {
  return waitFor(`${url} to answer`, () => httpAnswers(url), options);
}
