import { Migration } from '@mikro-orm/migrations';

export class Migration20261123153827_key_custody extends Migration {
  override name = 'Migration20261123153827_key_custody';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "ledger"."custody_key" ("id" uuid not null, "owner_organisation_id" varchar(200) not null, "label" varchar(200) not null, "address" varchar(42) not null, "custody" varchar(16) not null, "material" text not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "custody_key_owner_organisation_id_index" on "ledger"."custody_key" ("owner_organisation_id");`,
    );
    this.addSql(`create index "custody_key_address_index" on "ledger"."custody_key" ("address");`);

    this.addSql(
      `create table "ledger"."key_usage" ("id" uuid not null, "key_id" uuid not null, "owner_organisation_id" varchar(200) not null, "address" varchar(42) not null, "custody" varchar(16) not null, "actor" varchar(200) not null, "actor_organisation_id" varchar(200) null, "purpose" varchar(16) not null, "digest" varchar(66) not null, "tx_hash" varchar(66) null, "reason" text not null, "signed_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "key_usage_key_id_index" on "ledger"."key_usage" ("key_id");`);
    this.addSql(
      `create index "key_usage_owner_organisation_id_index" on "ledger"."key_usage" ("owner_organisation_id");`,
    );
    this.addSql(`create index "key_usage_tx_hash_index" on "ledger"."key_usage" ("tx_hash");`);
    this.addSql(`create index "key_usage_signed_at_index" on "ledger"."key_usage" ("signed_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "ledger"."custody_key" cascade;`);
    this.addSql(`drop table if exists "ledger"."key_usage" cascade;`);
  }
}
