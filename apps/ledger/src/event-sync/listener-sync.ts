/**
 * One step of one listener's sync, inside the caller's database transaction: detect a reorg
 * (parent-hash mismatch against the stored recent blocks) and publish `removed` events for the
 * abandoned blocks, or read the next confirmed window with eth_getLogs and publish its events.
 * Events go to the outbox and the checkpoint (`nextBlock`) moves in the same transaction, so
 * Kafka gets every event at least once and the checkpoint never passes an undelivered one.
 */
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { EventListenerTopics, type ContractEvent } from '@strata/contracts';
import { createEnvelope, OutboxMessage, type OutboxWriter } from '@strata/bus';
import { nextRangeSize, nextWindow } from './block-range';
import { ChainLogs } from './chain-logs';
import { contractEventKey, inChainOrder, toContractEvent } from './contract-events';
import type { EventListener } from './event-listener.entity';
import { ListenerAbi } from './listener-abi';
import { SYNCED_BLOCK_RETENTION, SyncedBlock } from './synced-block.entity';

export type StepOutcome = 'idle' | 'progressed' | 'reorged' | 'refused';

@Injectable()
export class ListenerSync {
  private readonly logger = new Logger(ListenerSync.name);

  constructor(private readonly chain: ChainLogs) {}

  async step(
    em: EntityManager,
    outbox: OutboxWriter,
    listener: EventListener,
    rpcUrl: string,
  ): Promise<StepOutcome> {
    // Checked even when no new block is confirmed: a reorg may keep the height the same.
    if (await this.reorganised(em, outbox, listener, rpcUrl)) return 'reorged';
    const head = await this.chain.head(rpcUrl);
    const window = nextWindow(listener.nextBlock, head, listener.confirmations, listener.rangeSize);
    if (!window) return 'idle';
    const last = await this.chain.header(rpcUrl, window.to);
    if (!last) return 'idle';
    const abi = ListenerAbi.parse(listener.abi);
    let logs;
    try {
      logs = await this.chain.logs(rpcUrl, {
        address: listener.address ?? null,
        topics: abi.topics(),
        fromBlock: window.from,
        toBlock: window.to,
      });
    } catch (error) {
      listener.rangeSize = nextRangeSize(listener.rangeSize, { kind: 'refused' });
      this.logger.warn(
        `listener ${listener.id}: node refused ${window.from}-${window.to} (${String(error)}); range now ${listener.rangeSize}`,
      );
      return 'refused';
    }
    const byBlock = new Map<number, { hash: string; events: ContractEvent[] }>();
    const now = new Date();
    const rows = inChainOrder(logs).map((log) => {
      const event = toContractEvent(log, abi, listener);
      const block = byBlock.get(log.blockNumber) ?? { hash: log.blockHash, events: [] };
      block.events.push(event);
      byBlock.set(log.blockNumber, block);
      const envelope = createEnvelope({ type: EventListenerTopics.contractEvent, payload: event });
      const key = contractEventKey(event);
      const topic = EventListenerTopics.contractEvent;
      return { id: envelope.id, topic, key, envelope, createdAt: now, publishedAt: null };
    });
    // One multi-row insert in chain order (the relay publishes by insertion order) rather than
    // a unit-of-work entity per event: a window may hold thousands of logs.
    if (rows.length > 0) await em.insertMany(OutboxMessage, rows);
    if (!byBlock.has(window.to)) byBlock.set(window.to, { hash: last.hash, events: [] });
    for (const [number, block] of byBlock) {
      em.create(SyncedBlock, { listenerId: listener.id, number, ...block });
    }
    await em.nativeDelete(SyncedBlock, {
      listenerId: listener.id,
      number: { $lt: window.to - SYNCED_BLOCK_RETENTION },
    });
    listener.nextBlock = window.to + 1;
    listener.rangeSize = nextRangeSize(listener.rangeSize, { kind: 'answered', logs: logs.length });
    return 'progressed';
  }

  /**
   * Compares the stored recent blocks, newest first, with the chain; every one whose hash
   * changed was abandoned: its events are published as removed and the checkpoint goes back to
   * just after the newest block that still matches.
   */
  private async reorganised(
    em: EntityManager,
    outbox: OutboxWriter,
    listener: EventListener,
    rpcUrl: string,
  ): Promise<boolean> {
    const stored = await em.find(
      SyncedBlock,
      { listenerId: listener.id },
      { orderBy: { number: 'desc' }, limit: SYNCED_BLOCK_RETENTION },
    );
    const newest = stored[0];
    if (!newest || (await this.chain.header(rpcUrl, newest.number))?.hash === newest.hash) {
      return false;
    }
    let resumeAt = listener.fromBlock;
    for (const block of stored) {
      if ((await this.chain.header(rpcUrl, block.number))?.hash === block.hash) {
        resumeAt = block.number + 1;
        break;
      }
      for (const event of [...block.events].reverse()) {
        outbox.add({
          topic: EventListenerTopics.contractEvent,
          key: contractEventKey(event),
          payload: { ...event, removed: true },
        });
      }
      em.remove(block);
      resumeAt = block.number;
    }
    this.logger.warn(
      `listener ${listener.id}: reorg below block ${newest.number}; resuming at ${resumeAt}`,
    );
    listener.nextBlock = resumeAt;
    return true;
  }
}
