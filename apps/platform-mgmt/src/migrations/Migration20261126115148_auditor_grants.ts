import { Migration } from '@mikro-orm/migrations';

export class Migration20261126115148_auditor_grants extends Migration {
  override name = 'Migration20261126115148_auditor_grants';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "platform_mgmt"."auditor_grant" ("id" uuid not null, "auditor_subject" varchar(255) not null, "organisation_ids" jsonb not null, "network_ids" jsonb not null, "expires_at" timestamptz not null, "reason" text null, "granted_by" varchar(255) not null, "granted_at" timestamptz not null, "revoked_at" timestamptz null, "revoked_by" varchar(255) null, primary key ("id"));`,
    );
    this.addSql(
      `create index "auditor_grant_auditor_subject_expires_at_index" on "platform_mgmt"."auditor_grant" ("auditor_subject", "expires_at");`,
    );
    this.addSql(
      `create index "auditor_grant_granted_at_index" on "platform_mgmt"."auditor_grant" ("granted_at");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "platform_mgmt"."auditor_grant" cascade;`);
  }
}
