import { Migration } from '@mikro-orm/migrations';

export class Migration20261126113959_network_transaction_settings extends Migration {
  override name = 'Migration20261126113959_network_transaction_settings';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "ledger"."network_transaction_settings" ("network_id" uuid not null, "confirmations" int null, "fee_cap_wei" varchar(80) null, "fee_bump_after_ms" int null, "max_attempts" int null, "updated_by" jsonb not null, "updated_at" timestamptz not null, primary key ("network_id"));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "ledger"."network_transaction_settings" cascade;`);
  }
}
