/**
 * Writing a window's recent blocks (synced-block.entity.ts) in one multi-row insert whose values
 * travel as bind parameters. Through the ORM, each block's logs (megabytes of JSON while a
 * listener catches up) were escaped character by character into the SQL text, which took as much
 * CPU as producing them to Kafka.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { StoredLog } from './synced-block.entity';

export interface RecentBlock {
  listenerId: string;
  number: number;
  hash: string;
  logs: StoredLog[];
}

export async function insertRecentBlocks(em: EntityManager, blocks: RecentBlock[]): Promise<void> {
  if (blocks.length === 0) return;
  await em
    .getKysely<{
      synced_block: { listener_id: string; number: number; hash: string; logs: string };
    }>()
    .withSchema('ledger')
    .insertInto('synced_block')
    .values(
      blocks.map((block) => ({
        listener_id: block.listenerId,
        number: block.number,
        hash: block.hash,
        logs: JSON.stringify(block.logs),
      })),
    )
    .execute();
}
