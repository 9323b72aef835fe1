/**
 * Reads of event streams: one stream, a network's streams, a stream's dead letters (paginated),
 * and the next events of a WebSocket stream after a sequence (the gateway's socket pulls them).
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type {
  Actor,
  DeadLetter,
  EventStream as EventStreamDto,
  EventStreamQuery,
} from '@strata/contracts';
import { type NextStreamEvents } from '@strata/contracts';
import { networkFor } from '../networks/network-access';
import { EventStream, toEventStreamDto } from './event-stream.entity';
import { checkSocketOf, findStream, readsGlobally } from './stream-access';
import { StreamDeadLetter, toDeadLetterDto } from './stream-dead-letter.entity';
import { StreamLogEvent } from './stream-log-event.entity';
import { streamSelection } from './stream-selection';

interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

@Injectable()
export class EventStreamReads {
  answer(em: EntityManager, query: EventStreamQuery, actor: Actor | undefined): Promise<unknown> {
    switch (query.query) {
      case 'get-event-stream':
        return this.get(em, query.networkId, query.id, actor);
      case 'list-event-streams':
        return this.list(em, query.networkId, query, actor);
      case 'list-dead-letters':
        return this.deadLetters(em, query.networkId, query.id, query, actor);
      case 'next-stream-events':
        return this.next(em, query, actor);
    }
  }

  async get(
    em: EntityManager,
    networkId: string,
    id: string,
    actor: Actor | undefined,
  ): Promise<EventStreamDto> {
    const stream = await findStream(em, networkId, id, actor, false);
    return toEventStreamDto(stream, await this.deadCount(em, id));
  }

  async list(
    em: EntityManager,
    networkId: string,
    page: { limit: number; offset: number },
    actor: Actor | undefined,
  ): Promise<Page<EventStreamDto>> {
    const global = readsGlobally(actor);
    await networkFor(em, networkId, global ? undefined : actor?.organisationId, actor);
    const where = {
      networkId,
      status: { $ne: 'deleted' as const },
      ...(global ? {} : { organisationId: actor?.organisationId ?? randomUUID() }),
    };
    const [streams, total] = await em.findAndCount(EventStream, where, {
      orderBy: { createdAt: 'asc', id: 'asc' },
      limit: page.limit,
      offset: page.offset,
    });
    const items = await Promise.all(
      streams.map(async (s) => toEventStreamDto(s, await this.deadCount(em, s.id))),
    );
    return { items, total, limit: page.limit, offset: page.offset };
  }

  async deadLetters(
    em: EntityManager,
    networkId: string,
    id: string,
    page: { limit: number; offset: number },
    actor: Actor | undefined,
  ): Promise<Page<DeadLetter>> {
    await findStream(em, networkId, id, actor, false);
    const [letters, total] = await em.findAndCount(
      StreamDeadLetter,
      { streamId: id },
      { orderBy: { seq: 'asc' }, limit: page.limit, offset: page.offset },
    );
    return { items: letters.map(toDeadLetterDto), total, limit: page.limit, offset: page.offset };
  }

  async next(
    em: EntityManager,
    query: Extract<EventStreamQuery, { query: 'next-stream-events' }>,
    actor: Actor | undefined,
  ): Promise<NextStreamEvents> {
    const stream = await findStream(em, query.networkId, query.id, actor, false);
    checkSocketOf(stream, query.session);
    if (stream.status !== 'active') return { position: stream.position, items: [] };
    const after = Math.max(query.after, stream.position);
    const events = await em.find(StreamLogEvent, streamSelection(stream, after), {
      orderBy: { seq: 'asc' },
      limit: query.limit,
    });
    return {
      position: stream.position,
      items: events.map((e) => ({ streamId: stream.id, sequence: e.seq, event: e.payload })),
    };
  }

  private deadCount(em: EntityManager, streamId: string): Promise<number> {
    return em.count(StreamDeadLetter, { streamId, status: { $ne: 'delivered' } });
  }
}
