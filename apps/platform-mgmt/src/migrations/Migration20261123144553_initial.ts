import { Migration } from '@mikro-orm/migrations';

export class Migration20261123144553_initial extends Migration {
  override name = 'Migration20261123144553_initial';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "platform_mgmt";`);
    this.addSql(
      `create table "platform_mgmt"."inbox_message" ("consumer" varchar(200) not null, "message_id" uuid not null, "topic" varchar(249) not null, "outcome" text not null, "reply" jsonb null, "processed_at" timestamptz not null, primary key ("consumer", "message_id"));`,
    );

    this.addSql(
      `create table "platform_mgmt"."network" ("id" uuid not null, "name" varchar(200) not null, "normalised_name" varchar(200) not null, "description" text null, "rpc_url" varchar(2048) not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "platform_mgmt"."network" add constraint "network_normalised_name_unique" unique ("normalised_name");`,
    );

    this.addSql(
      `create table "platform_mgmt"."network_member" ("network_id" uuid not null, "organisation_id" uuid not null, primary key ("network_id", "organisation_id"));`,
    );
    this.addSql(
      `create index "network_member_organisation_id_index" on "platform_mgmt"."network_member" ("organisation_id");`,
    );

    this.addSql(
      `create table "platform_mgmt"."organisation" ("id" uuid not null, "name" varchar(200) not null, "normalised_name" varchar(200) not null, "country" varchar(2) not null, "kind" text not null, "legal_identifier" varchar(64) null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "platform_mgmt"."organisation" add constraint "organisation_legal_identifier_unique" unique ("legal_identifier");`,
    );
    this.addSql(
      `alter table "platform_mgmt"."organisation" add constraint "organisation_country_normalised_name_unique" unique ("country", "normalised_name");`,
    );

    this.addSql(
      `create table "platform_mgmt"."outbox_message" ("seq" bigserial primary key, "id" uuid not null, "topic" varchar(249) not null, "key" varchar(512) not null, "envelope" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null);`,
    );
    this.addSql(
      `alter table "platform_mgmt"."outbox_message" add constraint "outbox_message_id_unique" unique ("id");`,
    );
    this.addSql(
      `create index "outbox_message_published_at_index" on "platform_mgmt"."outbox_message" ("published_at");`,
    );

    this.addSql(
      `alter table "platform_mgmt"."inbox_message" add constraint "inbox_message_outcome_check" check ("outcome" in ('processed', 'rejected', 'dead-lettered'));`,
    );

    this.addSql(
      `alter table "platform_mgmt"."organisation" add constraint "organisation_kind_check" check ("kind" in ('public-administration', 'vendor', 'auditor', 'operator'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "platform_mgmt"."inbox_message" cascade;`);
    this.addSql(`drop table if exists "platform_mgmt"."network" cascade;`);
    this.addSql(`drop table if exists "platform_mgmt"."network_member" cascade;`);
    this.addSql(`drop table if exists "platform_mgmt"."organisation" cascade;`);
    this.addSql(`drop table if exists "platform_mgmt"."outbox_message" cascade;`);

    this.addSql(`drop schema if exists "platform_mgmt";`);
  }
}
