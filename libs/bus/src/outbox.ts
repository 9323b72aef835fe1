/**
 * Transactional outbox: state changes and the messages announcing them are written in one
 * database transaction (`OutboxWriter.add` inside the unit of work); the relay publishes rows in
 * insertion order and marks them published only after Kafka acknowledged them. A crash between
 * the two republishes the batch: consumers dedupe on the envelope id.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '@strata/contracts';
import { createEnvelope } from './envelopes';
import { OutboxMessage } from './entities';

export interface OutboxEntry {
  topic: string;
  key: string;
  payload: unknown;
  /** Defaults to the topic name. */
  type?: string;
  id?: string;
  actor?: Actor;
  correlationId?: string;
  causationId?: string;
}

/** Adds messages to the outbox of the transaction `em` belongs to. */
export class OutboxWriter {
  constructor(
    private readonly em: EntityManager,
    private readonly defaults: Partial<
      Pick<OutboxEntry, 'actor' | 'correlationId' | 'causationId'>
    > = {},
  ) {}

  add(entry: OutboxEntry): void {
    const envelope = createEnvelope({
      id: entry.id,
      type: entry.type ?? entry.topic,
      payload: entry.payload,
      actor: entry.actor ?? this.defaults.actor,
      correlationId: entry.correlationId ?? this.defaults.correlationId,
      causationId: entry.causationId ?? this.defaults.causationId,
    });
    this.em.create(OutboxMessage, {
      id: envelope.id,
      topic: entry.topic,
      key: entry.key,
      envelope: envelope,
      publishedAt: null,
    });
  }
}
