import { Migration } from '@mikro-orm/migrations';

export class Migration20261123144650_operations extends Migration {
  override name = 'Migration20261123144650_operations';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "gateway";`);
    this.addSql(
      `create table "gateway"."inbox_message" ("consumer" varchar(200) not null, "message_id" uuid not null, "topic" varchar(249) not null, "outcome" text not null, "reply" jsonb null, "processed_at" timestamptz not null, primary key ("consumer", "message_id"));`,
    );

    this.addSql(
      `create table "gateway"."operation" ("id" uuid not null, "kind" varchar(100) not null, "subject" varchar(255) not null, "idempotency_key" varchar(255) null, "request_hash" varchar(64) not null, "command" jsonb not null, "status" text not null, "outcome" jsonb null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "gateway"."operation" add constraint "operation_subject_idempotency_key_unique" unique ("subject", "idempotency_key");`,
    );

    this.addSql(
      `create table "gateway"."outbox_message" ("seq" bigserial primary key, "id" uuid not null, "topic" varchar(249) not null, "key" varchar(512) not null, "envelope" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null);`,
    );
    this.addSql(
      `alter table "gateway"."outbox_message" add constraint "outbox_message_id_unique" unique ("id");`,
    );
    this.addSql(
      `create index "outbox_message_published_at_index" on "gateway"."outbox_message" ("published_at");`,
    );

    this.addSql(
      `alter table "gateway"."inbox_message" add constraint "inbox_message_outcome_check" check ("outcome" in ('processed', 'rejected', 'dead-lettered'));`,
    );

    this.addSql(
      `alter table "gateway"."operation" add constraint "operation_status_check" check ("status" in ('pending', 'succeeded', 'failed'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "gateway"."inbox_message" cascade;`);
    this.addSql(`drop table if exists "gateway"."operation" cascade;`);
    this.addSql(`drop table if exists "gateway"."outbox_message" cascade;`);

    this.addSql(`drop schema if exists "gateway";`);
  }
}
