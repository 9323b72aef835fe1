import { Migration } from '@mikro-orm/migrations';

export class Migration20261123162936_status_lists extends Migration {
  override name = 'Migration20261123162936_status_lists';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "identity"."credential_entry" ("id" varchar(100) not null, "issuer_did" varchar(200) not null, "organisation_id" uuid not null, "status_index" int not null, "status" text not null, "issued_at" timestamptz not null, "changed_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "credential_entry_issuer_did_index" on "identity"."credential_entry" ("issuer_did");`,
    );

    this.addSql(
      `create table "identity"."status_list" ("id" uuid not null, "issuer_did" varchar(200) not null, "purpose" text not null, "bits" bytea not null, "next_index" int not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "identity"."status_list" add constraint "status_list_issuer_did_purpose_unique" unique ("issuer_did", "purpose");`,
    );

    this.addSql(
      `alter table "identity"."credential_entry" add constraint "credential_entry_status_check" check ("status" in ('active', 'suspended', 'revoked'));`,
    );

    this.addSql(
      `alter table "identity"."status_list" add constraint "status_list_purpose_check" check ("purpose" in ('revocation', 'suspension'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "identity"."credential_entry" cascade;`);
    this.addSql(`drop table if exists "identity"."status_list" cascade;`);
  }
}
