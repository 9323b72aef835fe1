/**
 * Appends events to the hash chain, a batch per transaction. One writer at a time: every batch
 * locks the chain head row (`FOR UPDATE`) in its transaction, so entries get gap-free sequence
 * numbers in commit order whatever the number of consumers or instances. Idempotent by event id:
 * an event already in the chain (looked up under the lock) or repeated within the batch is never
 * appended twice. A crash before the commit leaves nothing; the Kafka offsets are committed only
 * after it.
 */
import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Clock } from '@strata/runtime';
import { GENESIS_HASH } from './hash-chain';
import { AuditChainHead } from './audit-log.entities';
import { insertAuditEntries, recordedSequences } from './audit-entry.writes';
import { type AppendOutcome, extendChain, type IncomingEvent } from './chain-extension';

const HEAD_ID = 1;

/** The most events a caller should append in one transaction (the consumer splits its batches). */
export const MAX_APPEND_BATCH = 500;

@Injectable()
export class AuditChainService {
  constructor(
    private readonly orm: MikroORM,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends the events that are new, in the given order, in one transaction: one head lock, one
   * look-up of the ids, one insert, one head update. One outcome per event, in the same order.
   */
  async appendAll(events: readonly IncomingEvent[]): Promise<AppendOutcome[]> {
    if (events.length === 0) return [];
    return this.orm.em.fork().transactional(async (em) => {
      const head = await this.lockHead(em);
      const recorded = await recordedSequences(
        em,
        events.map((event) => event.envelope.id),
      );
      const extension = extendChain(head, events, recorded, this.clock.now());
      await insertAuditEntries(em, extension.entries);
      head.lastSequence = extension.head.lastSequence;
      head.lastHash = extension.head.lastHash;
      return extension.outcomes;
    });
  }

  /** The head row, created on first use, locked until the caller's transaction ends. */
  private async lockHead(em: EntityManager): Promise<AuditChainHead> {
    await em.execute(
      `insert into platform_mgmt.audit_chain_head (id, last_sequence, last_hash) values (?, 0, ?)
       on conflict (id) do nothing`,
      [HEAD_ID, GENESIS_HASH],
    );
    return em.findOneOrFail(
      AuditChainHead,
      { id: HEAD_ID },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
  }
}
