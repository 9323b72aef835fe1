import { Migration } from '@mikro-orm/migrations';

export class Migration20261126113903_audit_log extends Migration {
  override name = 'Migration20261126113903_audit_log';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "platform_mgmt"."audit_anchoring" ("id" uuid not null, "active" boolean not null, "network_id" uuid not null, "organisation_id" uuid not null, "status" text not null, "account" varchar(42) null, "deploy_transaction_id" uuid null, "contract_address" varchar(42) null, "chain_id" varchar(40) null, "failure_reason" text null, "configured_at" timestamptz not null, primary key ("id"));`,
    );

    this.addSql(
      `create table "platform_mgmt"."audit_anchor" ("id" uuid not null, "anchoring_id" uuid not null, "network_id" uuid not null, "chain_id" varchar(40) null, "contract_address" varchar(42) not null, "first_sequence" bigint not null, "last_sequence" bigint not null, "root" varchar(66) not null, "status" text not null, "transaction_id" uuid null, "tx_hash" varchar(66) null, "block_number" bigint null, "failure_reason" text null, "created_at" timestamptz not null, "anchored_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "audit_anchor_status_index" on "platform_mgmt"."audit_anchor" ("status");`,
    );
    this.addSql(
      `create index "audit_anchor_first_sequence_index" on "platform_mgmt"."audit_anchor" ("first_sequence");`,
    );

    this.addSql(
      `create table "platform_mgmt"."audit_chain_head" ("id" int not null, "last_sequence" bigint not null, "last_hash" varchar(64) not null, primary key ("id"));`,
    );

    this.addSql(
      `create table "platform_mgmt"."audit_entry" ("sequence" bigint not null, "event_id" uuid not null, "topic" varchar(249) not null, "organisation_id" uuid null, "occurred_at" timestamptz not null, "recorded_at" timestamptz not null, "event" text not null, "previous_hash" varchar(64) not null, "hash" varchar(64) not null, primary key ("sequence"));`,
    );
    this.addSql(
      `alter table "platform_mgmt"."audit_entry" add constraint "audit_entry_event_id_unique" unique ("event_id");`,
    );
    this.addSql(
      `create index "audit_entry_organisation_id_sequence_index" on "platform_mgmt"."audit_entry" ("organisation_id", "sequence");`,
    );
    this.addSql(
      `create index "audit_entry_topic_sequence_index" on "platform_mgmt"."audit_entry" ("topic", "sequence");`,
    );
    this.addSql(
      `create index "audit_entry_occurred_at_index" on "platform_mgmt"."audit_entry" ("occurred_at");`,
    );

    this.addSql(
      `alter table "platform_mgmt"."audit_anchoring" add constraint "audit_anchoring_status_check" check ("status" in ('creating-account', 'deploying', 'ready', 'failed'));`,
    );

    this.addSql(
      `alter table "platform_mgmt"."audit_anchor" add constraint "audit_anchor_status_check" check ("status" in ('pending', 'submitted', 'anchored', 'failed'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "platform_mgmt"."audit_anchoring" cascade;`);
    this.addSql(`drop table if exists "platform_mgmt"."audit_anchor" cascade;`);
    this.addSql(`drop table if exists "platform_mgmt"."audit_chain_head" cascade;`);
    this.addSql(`drop table if exists "platform_mgmt"."audit_entry" cascade;`);
  }
}
