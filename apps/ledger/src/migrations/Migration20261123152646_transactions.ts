import { Migration } from '@mikro-orm/migrations';

export class Migration20261123152646_transactions extends Migration {
  override name = 'Migration20261123152646_transactions';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "ledger"."account_nonce" ("network_id" uuid not null, "address" varchar(42) not null, "next" int not null, primary key ("network_id", "address"));`,
    );

    this.addSql(
      `create table "ledger"."network_member" ("network_id" uuid not null, "organisation_id" uuid not null, primary key ("network_id", "organisation_id"));`,
    );
    this.addSql(
      `create index "network_member_organisation_id_index" on "ledger"."network_member" ("organisation_id");`,
    );

    this.addSql(
      `create table "ledger"."ledger_transaction" ("id" uuid not null, "network_id" uuid not null, "organisation_id" uuid not null, "requested_by" jsonb not null, "kind" varchar(20) not null, "from" varchar(42) not null, "to" varchar(42) null, "value" varchar(80) not null, "data" text not null, "abi" jsonb null, "nonce" int not null, "gas_limit" varchar(80) not null, "status" varchar(20) not null, "hash" varchar(66) null, "raw" text null, "previous_hashes" jsonb not null, "attempts" int not null, "fee_per_gas" varchar(80) null, "priority_fee_per_gas" varchar(80) null, "broadcast_at" timestamptz null, "next_check_at" timestamptz not null, "block_number" int null, "block_hash" varchar(66) null, "contract_address" varchar(42) null, "failure_reason" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "ledger_transaction_status_next_check_at_index" on "ledger"."ledger_transaction" ("status", "next_check_at");`,
    );
    this.addSql(
      `create index "ledger_transaction_network_id_created_at_index" on "ledger"."ledger_transaction" ("network_id", "created_at");`,
    );
    this.addSql(
      `alter table "ledger"."ledger_transaction" add constraint "ledger_transaction_network_id_from_nonce_unique" unique ("network_id", "from", "nonce");`,
    );

    this.addSql(
      `create table "ledger"."signing_account" ("id" uuid not null, "network_id" uuid not null, "organisation_id" uuid not null, "label" varchar(100) not null, "address" varchar(42) not null, "key_id" varchar(200) not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "signing_account_network_id_index" on "ledger"."signing_account" ("network_id");`,
    );
    this.addSql(
      `create index "signing_account_organisation_id_index" on "ledger"."signing_account" ("organisation_id");`,
    );
    this.addSql(
      `alter table "ledger"."signing_account" add constraint "signing_account_network_id_address_unique" unique ("network_id", "address");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "ledger"."account_nonce" cascade;`);
    this.addSql(`drop table if exists "ledger"."network_member" cascade;`);
    this.addSql(`drop table if exists "ledger"."ledger_transaction" cascade;`);
    this.addSql(`drop table if exists "ledger"."signing_account" cascade;`);
  }
}
