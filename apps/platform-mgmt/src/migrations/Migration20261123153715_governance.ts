import { Migration } from '@mikro-orm/migrations';

export class Migration20261123153715_governance extends Migration {
  override name = 'Migration20261123153715_governance';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "platform_mgmt"."governance_proposal" ("id" uuid not null, "network_id" uuid not null, "action" jsonb not null, "description" text null, "proposed_by" uuid not null, "status" text not null, "threshold" int not null, "eligible_voters" jsonb not null, "deadline" timestamptz not null, "created_at" timestamptz not null, "closed_at" timestamptz null, "outcome" text null, primary key ("id"));`,
    );
    this.addSql(
      `create index "governance_proposal_status_deadline_index" on "platform_mgmt"."governance_proposal" ("status", "deadline");`,
    );
    this.addSql(
      `create index "governance_proposal_network_id_created_at_index" on "platform_mgmt"."governance_proposal" ("network_id", "created_at");`,
    );

    this.addSql(
      `create table "platform_mgmt"."governance_vote" ("proposal_id" uuid not null, "organisation_id" uuid not null, "approve" boolean not null, "cast_at" timestamptz not null, primary key ("proposal_id", "organisation_id"));`,
    );

    this.addSql(
      `alter table "platform_mgmt"."governance_proposal" add constraint "governance_proposal_status_check" check ("status" in ('open', 'approved', 'executing', 'executed', 'rejected', 'expired'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "platform_mgmt"."governance_proposal" cascade;`);
    this.addSql(`drop table if exists "platform_mgmt"."governance_vote" cascade;`);
  }
}
