/**
 * One step of one listener's sync, inside the caller's database transaction: detect a reorg
 * (parent-hash mismatch against the stored recent blocks) and publish `removed` events for the
 * abandoned blocks, or read the next confirmed window with eth_getLogs and publish its events.
 * Events are produced to Kafka and acknowledged before the step returns; the caller commits the
 * checkpoint (`nextBlock`) afterwards, so it never passes an event Kafka has not acknowledged
 * (ADR 0013). A crash in between publishes the window again: at-least-once, stable event ids.
 */
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ContractEvent } from '@strata/contracts';
import { nextRangeSize, nextWindow } from './block-range';
import { ChainLogs } from './chain-logs';
import { ContractEventPublisher } from './contract-event-publisher';
import { inChainOrder, toContractEvent } from './contract-events';
import type { EventListener } from './event-listener.entity';
import { ListenerAbi } from './listener-abi';
import type { ChainLog } from './chain-logs';
import {
  fromStoredLog,
  SYNCED_BLOCK_RETENTION,
  SyncedBlock,
  toStoredLog,
} from './synced-block.entity';
import { insertRecentBlocks, type RecentBlock } from './synced-block.writes';
import { WindowReads, WindowRefused } from './window-reads';

export type StepOutcome = 'idle' | 'progressed' | 'reorged' | 'refused';

@Injectable()
export class ListenerSync {
  private readonly logger = new Logger(ListenerSync.name);

  private readonly reads: WindowReads;

  constructor(
    private readonly chain: ChainLogs,
    private readonly publisher: ContractEventPublisher,
  ) {
    this.reads = new WindowReads(chain);
  }

  async step(em: EntityManager, listener: EventListener, rpcUrl: string): Promise<StepOutcome> {
    // Checked even when no new block is confirmed: a reorg may keep the height the same.
    if (await this.reorganised(em, listener, rpcUrl)) {
      this.reads.forget(listener.id);
      return 'reorged';
    }
    const head = await this.chain.head(rpcUrl);
    const window = nextWindow(listener.nextBlock, head, listener.confirmations, listener.rangeSize);
    if (!window) return 'idle';
    const abi = ListenerAbi.parse(listener.abi);
    const filter = { address: listener.address ?? null, topics: abi.topics() };
    let read;
    try {
      read = await this.reads.read(listener.id, rpcUrl, filter, window);
    } catch (error) {
      if (!(error instanceof WindowRefused)) throw error;
      listener.rangeSize = nextRangeSize(listener.rangeSize, { kind: 'refused' });
      this.logger.warn(
        `listener ${listener.id}: node refused ${window.from}-${window.to} (${error.message}); range now ${listener.rangeSize}`,
      );
      return 'refused';
    }
    const { last, logs } = read;
    if (!last) return 'idle';
    const rangeSize = nextRangeSize(listener.rangeSize, { kind: 'answered', logs: logs.length });
    const following = nextWindow(window.to + 1, head, listener.confirmations, rangeSize);
    if (following) this.reads.readAhead(listener.id, rpcUrl, filter, following);
    const byBlock = new Map<number, { hash: string; logs: ChainLog[] }>();
    const ordered = inChainOrder(logs);
    for (const log of ordered) {
      const block = byBlock.get(log.blockNumber) ?? { hash: log.blockHash, logs: [] };
      block.logs.push(log);
      byBlock.set(log.blockNumber, block);
    }
    const events = ordered.map((log) => toContractEvent(log, abi, listener));
    if (!byBlock.has(window.to)) byBlock.set(window.to, { hash: last.hash, logs: [] });
    // Kafka and Postgres at the same time: the checkpoint below only commits once both are done
    // (a failure of either rolls the step back). One multi-row insert for the window's blocks.
    await Promise.all([
      this.publisher.publish(events),
      insertRecentBlocks(em, recentBlocks(listener.id, byBlock, window.to, head)),
    ]);
    await em.nativeDelete(SyncedBlock, {
      listenerId: listener.id,
      number: { $lt: window.to - SYNCED_BLOCK_RETENTION },
    });
    listener.nextBlock = window.to + 1;
    listener.rangeSize = rangeSize;
    return 'progressed';
  }

  /**
   * Compares the stored recent blocks, newest first, with the chain; every one whose hash
   * changed was abandoned: its events are published as removed and the checkpoint goes back to
   * just after the newest block that still matches.
   */
  private async reorganised(
    em: EntityManager,
    listener: EventListener,
    rpcUrl: string,
  ): Promise<boolean> {
    // Only the newest block's hash on the common path: the stored logs (thousands per block
    // while catching up) are loaded only when a reorg actually happened.
    const newest = await em.findOne(
      SyncedBlock,
      { listenerId: listener.id },
      { orderBy: { number: 'desc' }, fields: ['number', 'hash'] },
    );
    if (!newest || (await this.chain.header(rpcUrl, newest.number))?.hash === newest.hash) {
      return false;
    }
    const stored = await em.find(
      SyncedBlock,
      { listenerId: listener.id },
      { orderBy: { number: 'desc' }, limit: SYNCED_BLOCK_RETENTION, refresh: true },
    );
    let resumeAt = listener.fromBlock;
    const removed: ContractEvent[] = [];
    const abi = ListenerAbi.parse(listener.abi);
    for (const block of stored) {
      if ((await this.chain.header(rpcUrl, block.number))?.hash === block.hash) {
        resumeAt = block.number + 1;
        break;
      }
      for (const log of [...block.logs].reverse()) {
        const event = toContractEvent(fromStoredLog(log, block), abi, listener);
        removed.push({ ...event, removed: true });
      }
      em.remove(block);
      resumeAt = block.number;
    }
    await this.publisher.publish(removed);
    this.logger.warn(
      `listener ${listener.id}: reorg below block ${newest.number}; resuming at ${resumeAt}`,
    );
    listener.nextBlock = resumeAt;
    return true;
  }
}

/**
 * The window's blocks to remember for reorg detection. A block more than the retention below the
 * head can no longer be walked back to, so while catching up old history its logs are not
 * stored (they were megabytes per window); the window's last block is always kept, it is the one
 * the next step compares with the chain.
 */
function recentBlocks(
  listenerId: string,
  byBlock: Map<number, { hash: string; logs: ChainLog[] }>,
  last: number,
  head: number,
): RecentBlock[] {
  return [...byBlock]
    .filter(([number]) => number === last || number > head - SYNCED_BLOCK_RETENTION)
    .map(([number, block]) => ({
      listenerId,
      number,
      hash: block.hash,
      logs: number > head - SYNCED_BLOCK_RETENTION ? block.logs.map(toStoredLog) : [],
    }));
}
