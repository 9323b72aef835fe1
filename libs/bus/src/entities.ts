/**
 * The bus's own tables, created in every app's schema by that app's migrations:
 * `outbox_message` (written in the same transaction as the state change, published by the relay)
 * and `inbox_message` (what a consumer group already processed, with the reply it gave).
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const OutboxMessage = defineEntity({
  name: 'OutboxMessage',
  tableName: 'outbox_message',
  properties: {
    seq: p.bigint('number').primary().autoincrement(),
    id: p.uuid().unique(),
    topic: p.string().length(249),
    key: p.string().length(512),
    envelope: p.json<Record<string, unknown>>(),
    createdAt: p.datetime().onCreate(() => new Date()),
    publishedAt: p.datetime().nullable().index(),
  },
});
export type OutboxMessage = InferEntity<typeof OutboxMessage>;

export const InboxMessage = defineEntity({
  name: 'InboxMessage',
  tableName: 'inbox_message',
  properties: {
    consumer: p.string().length(200).primary(),
    messageId: p.uuid().primary(),
    topic: p.string().length(249),
    outcome: p.enum(['processed', 'rejected', 'dead-lettered'] as const),
    reply: p.json<Record<string, unknown>>().nullable(),
    processedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type InboxMessage = InferEntity<typeof InboxMessage>;

export const BUS_ENTITIES = [OutboxMessage, InboxMessage];
