/**
 * What the ledger does when governance removes an organisation from a network: the network's
 * endpoints already answer it 404 (membership is checked on every call); its event listeners and
 * event streams on the network are paused as well, so no more of the network's events reach its
 * webhooks or sockets. Each pause is published like one made through the API (same topics, hence
 * in the audit log), with the reason. Transactions it submitted before the removal are still
 * followed to the end; its signing accounts stay in the vault (unusable while it is not a member).
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { OutboxWriter } from '@strata/bus';
import {
  EventListenerTopics,
  EventStreamTopics,
  type NetworkMembershipChanged,
} from '@strata/contracts';
import { Clock } from '@strata/runtime';
import { EventListener, toEventListenerDto } from '../event-sync/event-listener.entity';
import { EventStream, toEventStreamDto } from '../event-streams/event-stream.entity';
import { StreamDeadLetter } from '../event-streams/stream-dead-letter.entity';

@Injectable()
export class MemberRemoval {
  constructor(private readonly clock: Clock) {}

  async suspendAccess(
    em: EntityManager,
    outbox: OutboxWriter,
    networkId: string,
    removed: readonly string[],
    change: Pick<NetworkMembershipChanged, 'proposalId'>,
  ): Promise<void> {
    const now = this.clock.now();
    const reason = `paused: the organisation was removed from the network (governance proposal ${change.proposalId})`;
    const where = {
      networkId,
      organisationId: { $in: [...removed] },
      status: 'active' as const,
    };
    for (const listener of await em.find(EventListener, where)) {
      listener.status = 'paused';
      listener.updatedAt = now;
      outbox.add({
        topic: EventListenerTopics.eventListenerChanged,
        key: networkId,
        payload: { change: 'pause', reason, listener: toEventListenerDto(listener) },
      });
    }
    for (const stream of await em.find(EventStream, where)) {
      stream.status = 'paused';
      stream.lastError = reason;
      stream.updatedAt = now;
      const deadLetters = await em.count(StreamDeadLetter, {
        streamId: stream.id,
        status: { $ne: 'delivered' },
      });
      outbox.add({
        topic: EventStreamTopics.eventStreamChanged,
        key: networkId,
        payload: { change: 'pause', reason, stream: toEventStreamDto(stream, deadLetters) },
      });
    }
  }
}
