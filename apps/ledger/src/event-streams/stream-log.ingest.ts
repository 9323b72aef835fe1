/**
 * Fills the stream log from the ledger's own contract-event topic (consumer group
 * `ledger:strata.ledger.contract-event.v1`), a run of events at a time (`onEventRun`). Each
 * event is written once per (id, removed) — a redelivered message changes nothing, so no inbox
 * row is needed — under one transaction-scoped advisory lock, so
 * sequence numbers become visible in order and a stream's position never skips a late commit.
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { getAddress } from 'ethers';
import { BusConsumers } from '@strata/bus';
import { type ContractEvent, contractEventSchema, EventListenerTopics } from '@strata/contracts';
import { Clock } from '@strata/runtime';
import { EventStreamMetrics } from './event-stream.metrics';

/** Any constant: the one lock every log append takes (`pg_advisory_xact_lock`). */
const STREAM_LOG_LOCK = 0x5354524d;

@Injectable()
export class StreamLogIngest implements OnModuleInit {
  constructor(
    private readonly consumers: BusConsumers,
    private readonly clock: Clock,
    private readonly metrics: EventStreamMetrics,
  ) {}

  onModuleInit(): void {
    // A batch's events of one key in one transaction: one lock and one multi-row insert for up
    // to EVENT_RUN_LIMIT events (one transaction each kept the log ~100 events/s behind a
    // listener catching up at thousands per second).
    this.consumers.onEventRun(
      EventListenerTopics.contractEvent,
      contractEventSchema,
      async (em, events) => {
        await this.append(
          em,
          events.map((event) => event.payload),
        );
        const newest = events[events.length - 1];
        if (newest)
          this.metrics.logTook(events.length, newest.envelope.occurredAt, this.clock.now());
      },
    );
  }

  async append(em: EntityManager, events: ContractEvent[]): Promise<void> {
    if (events.length === 0) return;
    await em.execute('select pg_advisory_xact_lock(?)', [STREAM_LOG_LOCK]);
    const receivedAt = this.clock.now();
    // Bind parameters, not the ORM's literal escaping of every payload into the SQL text.
    await em
      .getKysely<{ stream_log_event: StreamLogRow }>()
      .withSchema('ledger')
      .insertInto('stream_log_event')
      .values(
        events.map((event) => ({
          event_id: event.id,
          removed: event.removed,
          network_id: event.networkId,
          listener_id: event.listenerId,
          address: checksummed(event.address),
          signature: event.event?.signature ?? null,
          block_number: Number(event.blockNumber),
          payload: JSON.stringify(event),
          received_at: receivedAt,
        })),
      )
      .onConflict((conflict) => conflict.columns(['event_id', 'removed']).doNothing())
      .execute();
  }
}

/**
 * EIP-55 checksummed addresses, remembered: a listener's events come from a handful of contracts,
 * and ethers' `getAddress` (a keccak per call) took most of an append's CPU.
 */
const CHECKSUMMED = new Map<string, string>();
const CHECKSUMMED_LIMIT = 10_000;

function checksummed(address: string): string {
  let known = CHECKSUMMED.get(address);
  if (known === undefined) {
    known = getAddress(address);
    if (CHECKSUMMED.size >= CHECKSUMMED_LIMIT) CHECKSUMMED.clear();
    CHECKSUMMED.set(address, known);
  }
  return known;
}

/** The columns a log append writes (`seq` is the table's own sequence). */
interface StreamLogRow {
  event_id: string;
  removed: boolean;
  network_id: string;
  listener_id: string;
  address: string;
  signature: string | null;
  block_number: number;
  payload: string;
  received_at: Date;
}
