/**
 * An event stream: where a network's contract events go (webhook URL or WebSocket), which ones
 * (filter) and how far delivery got (`position` in the stream log). A webhook stream's head
 * event carries its failed attempts and next attempt time; a lease lets one ledger instance
 * at a time deliver it, so the stream's order holds across instances.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type {
  Actor,
  EventStream as EventStreamDto,
  EventStreamFilter,
  WebhookRetry,
} from '@strata/contracts';

export const EventStream = defineEntity({
  name: 'EventStream',
  tableName: 'event_stream',
  properties: {
    id: p.uuid().primary(),
    networkId: p.uuid().index(),
    organisationId: p.uuid().nullable(),
    name: p.string().length(200),
    type: p.string().length(20).$type<EventStreamDto['type']>(),
    filter: p.json<EventStreamFilter>(),
    url: p.string().length(2048).nullable(),
    /** HMAC-SHA256 key of the webhook signatures (hex); never returned after creation. */
    secret: p.string().length(64).nullable(),
    retry: p.json<WebhookRetry>().nullable(),
    status: p.string().length(20).$type<EventStreamDto['status']>(),
    position: p.bigint('number'),
    /** While replaying: events up to this sequence are delivered again only from `replayFromBlock`. */
    replayUntil: p.bigint('number').nullable(),
    replayFromBlock: p.bigint('number').nullable(),
    attempts: p.integer(),
    lastError: p.string().length(1000).nullable(),
    nextAttemptAt: p.datetime().nullable(),
    leaseOwner: p.string().length(64).nullable(),
    leaseUntil: p.datetime().nullable(),
    /** The WebSocket connection that claimed the stream last: the only one served. */
    socketSession: p.uuid().nullable(),
    createdBy: p.json<Actor>(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type EventStream = InferEntity<typeof EventStream>;

export function toEventStreamDto(stream: EventStream, deadLetters: number): EventStreamDto {
  return {
    id: stream.id,
    networkId: stream.networkId,
    organisationId: stream.organisationId ?? null,
    name: stream.name,
    type: stream.type,
    filter: stream.filter,
    url: stream.url ?? null,
    retry: stream.retry ?? null,
    status: stream.status,
    position: stream.position,
    attempts: stream.attempts,
    lastError: stream.lastError ?? null,
    nextAttemptAt: stream.nextAttemptAt ? stream.nextAttemptAt.toISOString() : null,
    deadLetters,
    createdAt: stream.createdAt.toISOString(),
    updatedAt: stream.updatedAt.toISOString(),
  };
}
