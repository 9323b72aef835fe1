/**
 * Recent blocks an event listener has read: the hash of each window's last block and of every
 * block that held a delivered event, with those events' raw logs. A parent-hash mismatch against
 * these is a reorg; the events of abandoned blocks are then rebuilt from the stored logs (decoded
 * again with the listener's ABI, which never changes) and published as `removed`.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { ChainLog } from './chain-logs';

/**
 * A delivered log as stored for reorg handling, without what its row already holds (block number
 * and hash): `[logIndex, transactionHash, address, topics, data]`. A tuple rather than an object:
 * while a listener catches up, every event of the last 256 blocks is written here, and the stored
 * bytes are what Postgres and the ledger pay for (half of a decoded event's JSON).
 */
export type StoredLog = [number, string, string, string[], string];

export const SyncedBlock = defineEntity({
  name: 'SyncedBlock',
  tableName: 'synced_block',
  properties: {
    listenerId: p.uuid().primary(),
    number: p.bigint('number').primary(),
    hash: p.string().length(66),
    /** The block's delivered logs in chain order. */
    logs: p.json<StoredLog[]>(),
  },
});
export type SyncedBlock = InferEntity<typeof SyncedBlock>;

/** How many blocks behind the checkpoint are kept for reorg detection. */
export const SYNCED_BLOCK_RETENTION = 256;

export function toStoredLog(log: ChainLog): StoredLog {
  return [log.logIndex, log.transactionHash, log.address, log.topics, log.data];
}

/** The chain log a stored one was, in the block of the row that holds it. */
export function fromStoredLog(
  [logIndex, transactionHash, address, topics, data]: StoredLog,
  block: { number: number; hash: string },
): ChainLog {
  return {
    address,
    topics,
    data,
    blockNumber: block.number,
    blockHash: block.hash,
    transactionHash,
    logIndex,
    removed: false,
  };
}
