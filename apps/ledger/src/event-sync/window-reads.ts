/**
 * Reading a listener's block window (the header of its last block, then its logs), with a
 * read-ahead: while one window is published to Kafka, the next one is already fetched, so a
 * listener catching up pays for the node and Kafka at the same time instead of one after the
 * other. A read-ahead is used only by the listener's very next step and only for exactly the
 * window it was made for; a reorg drops it. It is as fresh as a read at the start of that step
 * would be for reorg detection: the next step compares the stored hash of the window's last block
 * with the chain again (listener-sync.ts).
 */
import type { BlockHeader, ChainLog, ChainLogs } from './chain-logs';

export interface BlockWindow {
  from: number;
  to: number;
}

export interface WindowFilter {
  address: string | null;
  topics: string[];
}

/** `last` is null when the node does not know the window's last block (yet). */
export interface WindowRead {
  last: BlockHeader | null;
  logs: ChainLog[];
}

/** The node refused the eth_getLogs window (too large, too many results). */
export class WindowRefused extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'WindowRefused';
  }
}

/** Read-aheads kept at most (one per listener; each holds one window of logs). */
const MAX_READ_AHEADS = 64;

export class WindowReads {
  private readonly ahead = new Map<string, BlockWindow & { read: Promise<WindowRead> }>();

  constructor(private readonly chain: ChainLogs) {}

  /** The read of `window`; rejects with {@link WindowRefused} when the node refuses the logs. */
  read(
    listenerId: string,
    rpcUrl: string,
    filter: WindowFilter,
    window: BlockWindow,
  ): Promise<WindowRead> {
    const ahead = this.ahead.get(listenerId);
    this.ahead.delete(listenerId);
    if (ahead && ahead.from === window.from && ahead.to === window.to) return ahead.read;
    return this.fetch(rpcUrl, filter, window);
  }

  /** Starts reading `window` for the listener's next step. */
  readAhead(listenerId: string, rpcUrl: string, filter: WindowFilter, window: BlockWindow): void {
    if (this.ahead.size >= MAX_READ_AHEADS && !this.ahead.has(listenerId)) return;
    const read = this.fetch(rpcUrl, filter, window);
    read.catch(() => undefined); // handled by the step that takes it, or dropped
    this.ahead.set(listenerId, { ...window, read });
  }

  forget(listenerId: string): void {
    this.ahead.delete(listenerId);
  }

  private async fetch(
    rpcUrl: string,
    filter: WindowFilter,
    window: BlockWindow,
  ): Promise<WindowRead> {
    const last = await this.chain.header(rpcUrl, window.to);
    if (!last) return { last: null, logs: [] };
    try {
      const logs = await this.chain.logs(rpcUrl, {
        ...filter,
        fromBlock: window.from,
        toBlock: window.to,
      });
      return { last, logs };
    } catch (error) {
      throw new WindowRefused(error);
    }
  }
}
