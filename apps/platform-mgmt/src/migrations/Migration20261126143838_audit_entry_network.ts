import { Migration } from '@mikro-orm/migrations';

export class Migration20261126143838_audit_entry_network extends Migration {
  override name = 'Migration20261126143838_audit_entry_network';

  override up(): void | Promise<void> {
    this.addSql(`alter table "platform_mgmt"."audit_entry" add "network_id" uuid null;`);
    this.addSql(
      `create index "audit_entry_network_id_sequence_index" on "platform_mgmt"."audit_entry" ("network_id", "sequence");`,
    );
    // Entries appended before: the scope derived from their stored event (see event-scope.ts;
    // the top-level payload only; ids in the API's RFC 9562 form). Neither column is hashed, so
    // the chain is unchanged.
    const uuid = `'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$'`;
    this.addSql(
      `update "platform_mgmt"."audit_entry" set "organisation_id" = lower("event"::jsonb #>> '{payload,id}')::uuid where "topic" ~ '^strata\\.platform-mgmt\\.organisation-' and ("event"::jsonb #>> '{payload,id}') ~ ${uuid};`,
    );
    this.addSql(
      `update "platform_mgmt"."audit_entry" set "network_id" = lower("event"::jsonb #>> '{payload,id}')::uuid where "topic" ~ '^strata\\.platform-mgmt\\.network-' and ("event"::jsonb #>> '{payload,id}') ~ ${uuid};`,
    );
    this.addSql(
      `update "platform_mgmt"."audit_entry" set "network_id" = lower("event"::jsonb #>> '{payload,networkId}')::uuid where ("event"::jsonb #>> '{payload,networkId}') ~ ${uuid};`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "platform_mgmt"."audit_entry_network_id_sequence_index";`);
    this.addSql(`alter table "platform_mgmt"."audit_entry" drop column "network_id";`);
  }
}
