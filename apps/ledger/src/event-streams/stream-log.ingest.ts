/**
 * Fills the stream log from the ledger's own contract-event topic (consumer group
 * `ledger:strata.ledger.contract-event.v1`). Each event is written once per (id, removed) — a
 * redelivered message changes nothing — under one transaction-scoped advisory lock, so
 * sequence numbers become visible in order and a stream's position never skips a late commit.
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { getAddress } from 'ethers';
import { BusConsumers } from '@strata/bus';
import { type ContractEvent, contractEventSchema, EventListenerTopics } from '@strata/contracts';
import { Clock } from '@strata/runtime';
import { StreamLogEvent } from './stream-log-event.entity';

/** Any constant: the one lock every log append takes (`pg_advisory_xact_lock`). */
const STREAM_LOG_LOCK = 0x5354524d;

@Injectable()
export class StreamLogIngest implements OnModuleInit {
  constructor(
    private readonly consumers: BusConsumers,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.consumers.onEvent(
      EventListenerTopics.contractEvent,
      contractEventSchema,
      ({ em, payload }) => this.append(em, payload),
    );
  }

  async append(em: EntityManager, event: ContractEvent): Promise<void> {
    await em.execute('select pg_advisory_xact_lock(?)', [STREAM_LOG_LOCK]);
    await em
      .createQueryBuilder(StreamLogEvent)
      .insert({
        eventId: event.id,
        removed: event.removed,
        networkId: event.networkId,
        listenerId: event.listenerId,
        address: getAddress(event.address),
        signature: event.event?.signature ?? null,
        blockNumber: Number(event.blockNumber),
        payload: event,
        receivedAt: this.clock.now(),
      })
      .onConflict(['eventId', 'removed'])
      .ignore()
      .execute();
  }
}
