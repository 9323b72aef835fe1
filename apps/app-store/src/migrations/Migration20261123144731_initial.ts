import { Migration } from '@mikro-orm/migrations';

export class Migration20261123144731_initial extends Migration {
  override name = 'Migration20261123144731_initial';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "app_store";`);
    this.addSql(
      `create table "app_store"."inbox_message" ("consumer" varchar(200) not null, "message_id" uuid not null, "topic" varchar(249) not null, "outcome" text not null, "reply" jsonb null, "processed_at" timestamptz not null, primary key ("consumer", "message_id"));`,
    );

    this.addSql(
      `create table "app_store"."outbox_message" ("seq" bigserial primary key, "id" uuid not null, "topic" varchar(249) not null, "key" varchar(512) not null, "envelope" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null);`,
    );
    this.addSql(
      `alter table "app_store"."outbox_message" add constraint "outbox_message_id_unique" unique ("id");`,
    );
    this.addSql(
      `create index "outbox_message_published_at_index" on "app_store"."outbox_message" ("published_at");`,
    );

    this.addSql(
      `alter table "app_store"."inbox_message" add constraint "inbox_message_outcome_check" check ("outcome" in ('processed', 'rejected', 'dead-lettered'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "app_store"."inbox_message" cascade;`);
    this.addSql(`drop table if exists "app_store"."outbox_message" cascade;`);

    this.addSql(`drop schema if exists "app_store";`);
  }
}
