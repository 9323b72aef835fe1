import { Migration } from '@mikro-orm/migrations';

/**
 * Recent blocks keep their delivered logs as `[logIndex, transactionHash, address, topics, data]`
 * instead of the whole decoded events (synced-block.entity.ts): the stored rows are converted, so
 * a reorg right after the upgrade still publishes the abandoned events as removed.
 */
export class Migration20261126174308_synced_block_raw_logs extends Migration {
  override name = 'Migration20261126174308_synced_block_raw_logs';

  override up(): void | Promise<void> {
    this.addSql(`alter table "ledger"."synced_block" rename column "events" to "logs";`);
    this.addSql(
      `update "ledger"."synced_block" set "logs" = coalesce((
         select jsonb_agg(jsonb_build_array(e->'logIndex', e->'transactionHash', e->'address', e->'topics', e->'data')
                          order by (e->>'logIndex')::int)
         from jsonb_array_elements("logs") e), '[]'::jsonb);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(
      `update "ledger"."synced_block" b set "logs" = coalesce((
         select jsonb_agg(jsonb_build_object(
                  'id', b."hash" || ':' || (l->>0), 'listenerId', b."listener_id", 'networkId', el."network_id",
                  'removed', false, 'address', l->2, 'blockNumber', b."number"::text, 'blockHash', b."hash",
                  'transactionHash', l->1, 'logIndex', l->0, 'topics', l->3, 'data', l->4, 'event', null)
                order by (l->>0)::int)
         from jsonb_array_elements(b."logs") l
         join "ledger"."event_listener" el on el."id" = b."listener_id"), '[]'::jsonb);`,
    );
    this.addSql(`alter table "ledger"."synced_block" rename column "logs" to "events";`);
  }
}
