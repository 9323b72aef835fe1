/**
 * A listener of the event sync: which contract events of a network the ledger follows and how
 * far it got. `nextBlock` is the checkpoint: it is committed only after Kafka acknowledged the
 * events of the window it passes (ADR 0013), so a crash can neither skip nor lose them.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { Actor, EventListener as EventListenerDto } from '@strata/contracts';

type EventListenerStatus = EventListenerDto['status'];

export const EventListener = defineEntity({
  name: 'EventListener',
  tableName: 'event_listener',
  properties: {
    id: p.uuid().primary(),
    networkId: p.uuid().index(),
    organisationId: p.uuid().nullable(),
    name: p.string().length(200),
    address: p.string().length(42).nullable(),
    abi: p.json<Record<string, unknown>[]>(),
    events: p.json<string[]>(),
    fromBlock: p.bigint('number'),
    confirmations: p.integer(),
    status: p.string().length(20).$type<EventListenerStatus>(),
    nextBlock: p.bigint('number'),
    /** Blocks per eth_getLogs call, adapted to what the node accepts (block-range.ts). */
    rangeSize: p.integer(),
    createdBy: p.json<Actor>(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type EventListener = InferEntity<typeof EventListener>;

export function toEventListenerDto(listener: EventListener): EventListenerDto {
  return {
    id: listener.id,
    networkId: listener.networkId,
    organisationId: listener.organisationId ?? null,
    name: listener.name,
    address: listener.address ?? null,
    events: listener.events,
    fromBlock: String(listener.fromBlock),
    confirmations: listener.confirmations,
    status: listener.status,
    nextBlock: String(listener.nextBlock),
    createdAt: listener.createdAt.toISOString(),
    updatedAt: listener.updatedAt.toISOString(),
  };
}
