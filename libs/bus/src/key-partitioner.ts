/**
 * The producer's partitioner: the same partition for a key as kafkajs's (and the Java client's)
 * default partitioner — `toPositive(murmur2(key)) % partitions` — computed with 32-bit integer
 * arithmetic instead of kafkajs's `Long` objects (a dozen allocations per 4 key bytes), and
 * remembered per key: a topic has few keys (aggregates, `<contract>:<topic0>`) and a batch
 * repeats them thousands of times.
 */
import type { ICustomPartitioner, PartitionerArgs } from 'kafkajs';

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/** Kafka's murmur2 of the key's UTF-8 bytes (signed 32-bit result, as kafkajs returns it). */
export function murmur2(key: string | Buffer): number {
  const data = Buffer.isBuffer(key) ? key : Buffer.from(key);
  const length = data.length;
  let h = (SEED ^ length) | 0;
  const length4 = length & ~3;
  for (let i = 0; i < length4; i += 4) {
    let k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const rest = length & 3;
  if (rest === 3) h ^= data[length4 + 2] << 16;
  if (rest >= 2) h ^= data[length4 + 1] << 8;
  if (rest >= 1) {
    h ^= data[length4];
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Keys remembered per partition count; past this the cache starts over (bounded memory). */
const MAX_CACHED_KEYS = 10_000;

export const KeyPartitioner: ICustomPartitioner = () => {
  const cached = new Map<number, Map<string, number>>();
  let roundRobin = 0;
  return ({ partitionMetadata, message }: PartitionerArgs): number => {
    if (message.partition !== null && message.partition !== undefined) return message.partition;
    const partitions = partitionMetadata.length;
    if (message.key === null || message.key === undefined) {
      // Never used by the bus (every message has a key); round-robin over partitions with a leader.
      const available = partitionMetadata.filter((p) => p.leader >= 0);
      const pool = available.length > 0 ? available : partitionMetadata;
      return pool[roundRobin++ % pool.length].partitionId;
    }
    if (Buffer.isBuffer(message.key)) return (murmur2(message.key) & 0x7fffffff) % partitions;
    let byKey = cached.get(partitions);
    if (!byKey) cached.set(partitions, (byKey = new Map<string, number>()));
    let partition = byKey.get(message.key);
    if (partition === undefined) {
      if (byKey.size >= MAX_CACHED_KEYS) byKey.clear();
      partition = (murmur2(message.key) & 0x7fffffff) % partitions;
      byKey.set(message.key, partition);
    }
    return partition;
  };
};
