import { Migration } from '@mikro-orm/migrations';

export class Migration20261123160524_did_keys extends Migration {
  override name = 'Migration20261123160524_did_keys';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "identity"."managed_did" ("did" varchar(200) not null, "key_type" text not null, "organisation_id" uuid not null, "sealed_private_key" text not null, "created_by" varchar(200) not null, "created_at" timestamptz not null, primary key ("did"));`,
    );
    this.addSql(
      `create index "managed_did_organisation_id_index" on "identity"."managed_did" ("organisation_id");`,
    );

    this.addSql(
      `alter table "identity"."managed_did" add constraint "managed_did_key_type_check" check ("key_type" in ('secp256k1', 'P-256', 'Ed25519'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "identity"."managed_did" cascade;`);
  }
}
