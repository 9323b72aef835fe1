import { Migration } from '@mikro-orm/migrations';

export class Migration20261123154232_master_accounts extends Migration {
  override name = 'Migration20261123154232_master_accounts';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "ledger"."master_account" ("id" uuid not null, "network_id" uuid not null, "organisation_id" uuid not null, "status" varchar(20) not null, "address" varchar(42) null, "owners" jsonb not null, "threshold" int not null, "deployment_transaction_id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "master_account_deployment_transaction_id_index" on "ledger"."master_account" ("deployment_transaction_id");`,
    );
    this.addSql(
      `alter table "ledger"."master_account" add constraint "master_account_network_id_organisation_id_unique" unique ("network_id", "organisation_id");`,
    );

    this.addSql(
      `create table "ledger"."master_account_action" ("id" uuid not null, "master_account_id" uuid not null, "network_id" uuid not null, "organisation_id" uuid not null, "requested_by" jsonb not null, "action" jsonb not null, "signers" jsonb not null, "transaction_id" uuid not null, "status" varchar(20) not null, "failure_reason" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "master_account_action_master_account_id_index" on "ledger"."master_account_action" ("master_account_id");`,
    );
    this.addSql(
      `create index "master_account_action_transaction_id_index" on "ledger"."master_account_action" ("transaction_id");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "ledger"."master_account" cascade;`);
    this.addSql(`drop table if exists "ledger"."master_account_action" cascade;`);
  }
}
