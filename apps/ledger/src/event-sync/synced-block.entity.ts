/**
 * Recent blocks an event listener has read: the hash of each window's last block and of every
 * block that held a delivered event, with those events. A parent-hash mismatch against these is
 * a reorg; the events of abandoned blocks are then published again as `removed`.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { ContractEvent } from '@strata/contracts';

export const SyncedBlock = defineEntity({
  name: 'SyncedBlock',
  tableName: 'synced_block',
  properties: {
    listenerId: p.uuid().primary(),
    number: p.bigint('number').primary(),
    hash: p.string().length(66),
    events: p.json<ContractEvent[]>(),
  },
});
export type SyncedBlock = InferEntity<typeof SyncedBlock>;

/** How many blocks behind the checkpoint are kept for reorg detection. */
export const SYNCED_BLOCK_RETENTION = 256;
