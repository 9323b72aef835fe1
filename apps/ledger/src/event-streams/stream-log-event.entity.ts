/**
 * The event streams' log: every contract event the ledger published (each id once per
 * `removed` value), numbered in the order it was committed. A stream is a position in this log
 * plus a filter, so a new stream can start from an earlier block and a replay needs no chain read.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { ContractEvent } from '@strata/contracts';

export const StreamLogEvent = defineEntity({
  name: 'StreamLogEvent',
  tableName: 'stream_log_event',
  uniques: [{ properties: ['eventId', 'removed'] }],
  indexes: [{ properties: ['networkId', 'seq'] }, { properties: ['networkId', 'blockNumber'] }],
  properties: {
    /** Assigned under one advisory lock, so sequence order is commit order (no gaps to skip). */
    seq: p.bigint('number').primary().autoincrement(),
    eventId: p.string().length(140),
    removed: p.boolean(),
    networkId: p.uuid(),
    listenerId: p.uuid(),
    address: p.string().length(42),
    signature: p.string().length(500).nullable(),
    blockNumber: p.bigint('number'),
    payload: p.json<ContractEvent>(),
    receivedAt: p.datetime(),
  },
});
export type StreamLogEvent = InferEntity<typeof StreamLogEvent>;
