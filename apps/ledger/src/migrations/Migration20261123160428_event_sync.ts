import { Migration } from '@mikro-orm/migrations';

export class Migration20261123160428_event_sync extends Migration {
  override name = 'Migration20261123160428_event_sync';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "ledger"."event_listener" ("id" uuid not null, "network_id" uuid not null, "organisation_id" uuid null, "name" varchar(200) not null, "address" varchar(42) null, "abi" jsonb not null, "events" jsonb not null, "from_block" bigint not null, "confirmations" int not null, "status" varchar(20) not null, "next_block" bigint not null, "range_size" int not null, "created_by" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "event_listener_network_id_index" on "ledger"."event_listener" ("network_id");`,
    );

    this.addSql(
      `create table "ledger"."synced_block" ("listener_id" uuid not null, "number" bigint not null, "hash" varchar(66) not null, "events" jsonb not null, primary key ("listener_id", "number"));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "ledger"."event_listener" cascade;`);
    this.addSql(`drop table if exists "ledger"."synced_block" cascade;`);
  }
}
