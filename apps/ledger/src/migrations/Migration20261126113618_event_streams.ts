import { Migration } from '@mikro-orm/migrations';

export class Migration20261126113618_event_streams extends Migration {
  override name = 'Migration20261126113618_event_streams';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "ledger"."event_stream" ("id" uuid not null, "network_id" uuid not null, "organisation_id" uuid null, "name" varchar(200) not null, "type" varchar(20) not null, "filter" jsonb not null, "url" varchar(2048) null, "secret" varchar(64) null, "retry" jsonb null, "status" varchar(20) not null, "position" bigint not null, "replay_until" bigint null, "replay_from_block" bigint null, "attempts" int not null, "last_error" varchar(1000) null, "next_attempt_at" timestamptz null, "lease_owner" varchar(64) null, "lease_until" timestamptz null, "created_by" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "event_stream_network_id_index" on "ledger"."event_stream" ("network_id");`,
    );

    this.addSql(
      `create table "ledger"."stream_dead_letter" ("id" uuid not null, "stream_id" uuid not null, "seq" bigint not null, "event_id" varchar(140) not null, "removed" boolean not null, "block_number" bigint not null, "status" varchar(20) not null, "attempts" int not null, "last_error" varchar(1000) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "stream_dead_letter_stream_id_index" on "ledger"."stream_dead_letter" ("stream_id");`,
    );
    this.addSql(
      `alter table "ledger"."stream_dead_letter" add constraint "stream_dead_letter_stream_id_seq_unique" unique ("stream_id", "seq");`,
    );

    this.addSql(
      `create table "ledger"."stream_log_event" ("seq" bigserial primary key, "event_id" varchar(140) not null, "removed" boolean not null, "network_id" uuid not null, "listener_id" uuid not null, "address" varchar(42) not null, "signature" varchar(500) null, "block_number" bigint not null, "payload" jsonb not null, "received_at" timestamptz not null);`,
    );
    this.addSql(
      `create index "stream_log_event_network_id_seq_index" on "ledger"."stream_log_event" ("network_id", "seq");`,
    );
    this.addSql(
      `create index "stream_log_event_network_id_block_number_index" on "ledger"."stream_log_event" ("network_id", "block_number");`,
    );
    this.addSql(
      `alter table "ledger"."stream_log_event" add constraint "stream_log_event_event_id_removed_unique" unique ("event_id", "removed");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "ledger"."event_stream" cascade;`);
    this.addSql(`drop table if exists "ledger"."stream_dead_letter" cascade;`);
    this.addSql(`drop table if exists "ledger"."stream_log_event" cascade;`);
  }
}
