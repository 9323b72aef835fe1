import { Migration } from '@mikro-orm/migrations';

export class Migration20261126114526_did_key_custody extends Migration {
  override name = 'Migration20261126114526_did_key_custody';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "identity"."custody_key" ("id" uuid not null, "owner_organisation_id" varchar(200) not null, "label" varchar(200) not null, "curve" varchar(16) not null default 'secp256k1', "address" varchar(42) null, "public_key" text null, "signer_roles" jsonb null, "custody" varchar(16) not null, "material" text not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "custody_key_owner_organisation_id_index" on "identity"."custody_key" ("owner_organisation_id");`,
    );
    this.addSql(
      `create index "custody_key_address_index" on "identity"."custody_key" ("address");`,
    );

    this.addSql(
      `create table "identity"."key_usage" ("id" uuid not null, "key_id" uuid not null, "owner_organisation_id" varchar(200) not null, "address" varchar(42) null, "curve" varchar(16) not null default 'secp256k1', "custody" varchar(16) not null, "actor" varchar(200) not null, "actor_organisation_id" varchar(200) null, "purpose" varchar(16) not null, "digest" varchar(66) not null, "tx_hash" varchar(66) null, "reason" text not null, "signed_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "key_usage_key_id_index" on "identity"."key_usage" ("key_id");`);
    this.addSql(
      `create index "key_usage_owner_organisation_id_index" on "identity"."key_usage" ("owner_organisation_id");`,
    );
    this.addSql(`create index "key_usage_tx_hash_index" on "identity"."key_usage" ("tx_hash");`);
    this.addSql(
      `create index "key_usage_signed_at_index" on "identity"."key_usage" ("signed_at");`,
    );

    this.addSql(
      `alter table "identity"."managed_did" add "key_id" uuid null, add "custody" varchar(16) null, add "signer_roles" jsonb null;`,
    );
    this.addSql(
      `alter table "identity"."managed_did" alter column "sealed_private_key" drop not null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "identity"."custody_key" cascade;`);
    this.addSql(`drop table if exists "identity"."key_usage" cascade;`);

    this.addSql(
      `alter table "identity"."managed_did" drop column "key_id", drop column "custody", drop column "signer_roles";`,
    );
    this.addSql(
      `alter table "identity"."managed_did" alter column "sealed_private_key" set not null;`,
    );
  }
}
