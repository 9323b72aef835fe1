/**
 * Appends events to the hash chain. One writer at a time: every append locks the chain head row
 * (`FOR UPDATE`) in its transaction, so entries get gap-free sequence numbers in commit order
 * whatever the number of consumers or instances. Idempotent by event id: a redelivered event is
 * recognised (unique event id, checked under the lock) and never appended twice. A crash before
 * the commit leaves nothing; the Kafka offset is committed only after it.
 */
import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Clock } from '@strata/runtime';
import { canonicalJson } from './canonical-json';
import { entryHash, GENESIS_HASH } from './hash-chain';
import { AuditChainHead, AuditEntryRecord } from './audit-log.entities';
import { scopeOf } from './event-scope';

const HEAD_ID = 1;

export interface IncomingEvent {
  topic: string;
  /** The envelope exactly as published (parsed JSON). */
  envelope: { id: string; occurredAt: string } & Record<string, unknown>;
}

export type AppendOutcome = { appended: boolean; sequence: number };

@Injectable()
export class AuditChainService {
  constructor(
    private readonly orm: MikroORM,
    private readonly clock: Clock,
  ) {}

  append(event: IncomingEvent): Promise<AppendOutcome> {
    return this.orm.em.fork().transactional(async (em) => {
      const head = await this.lockHead(em);
      const existing = await em.findOne(AuditEntryRecord, { eventId: event.envelope.id });
      if (existing) return { appended: false, sequence: existing.sequence };
      const canonical = canonicalJson(event.envelope);
      const sequence = head.lastSequence + 1;
      const hash = entryHash({
        sequence,
        topic: event.topic,
        eventId: event.envelope.id,
        event: JSON.parse(canonical) as unknown,
        previousHash: head.lastHash,
      });
      em.create(AuditEntryRecord, {
        sequence,
        eventId: event.envelope.id,
        topic: event.topic,
        ...scopeOf(event.topic, event.envelope),
        occurredAt: new Date(event.envelope.occurredAt),
        recordedAt: this.clock.now(),
        event: canonical,
        previousHash: head.lastHash,
        hash,
      });
      head.lastSequence = sequence;
      head.lastHash = hash;
      return { appended: true, sequence };
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
