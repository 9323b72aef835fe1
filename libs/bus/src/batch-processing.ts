/** Processing a Kafka batch concurrently without giving up per-key order or offset safety. */
import type { KafkaMessage } from 'kafkajs';

/** How many queries of one batch are answered at once. */
export const QUERY_CONCURRENCY = 32;

/** How many keys (aggregates) of one batch of commands or events are processed at once. */
export const KEY_CONCURRENCY = 16;

/** A batch's messages split by key, each list in partition order. */
export function groupByKey(messages: KafkaMessage[]): KafkaMessage[][] {
  const groups = new Map<string, KafkaMessage[]>();
  for (const message of messages) {
    const key = message.key?.toString('utf8') ?? '';
    const group = groups.get(key);
    if (group) group.push(message);
    else groups.set(key, [message]);
  }
  return [...groups.values()];
}

/**
 * Resolves a batch's offset only up to the longest prefix of finished messages, so a crash or a
 * rebalance never skips a message that a slower key had not finished yet.
 */
export class FinishedPrefix {
  private readonly done = new Set<string>();
  private next = 0;

  constructor(
    private readonly messages: KafkaMessage[],
    private readonly resolveOffset: (offset: string) => void,
  ) {}

  finished(message: KafkaMessage): void {
    this.done.add(message.offset);
    let advanced = false;
    while (this.next < this.messages.length && this.done.has(this.messages[this.next].offset)) {
      this.next++;
      advanced = true;
    }
    if (advanced) this.resolveOffset(this.messages[this.next - 1].offset);
  }
}

export async function forEachConcurrently<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
