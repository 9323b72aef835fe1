import { Migration } from '@mikro-orm/migrations';

export class Migration20261123152635_consortium extends Migration {
  override name = 'Migration20261123152635_consortium';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "platform_mgmt"."network_node" ("id" uuid not null, "network_id" uuid not null, "organisation_id" uuid not null, "name" varchar(63) not null, "role" text not null, "enode" varchar(400) not null, "public_key" varchar(128) not null, "address" varchar(42) not null, "endpoints" jsonb not null, "status" text not null, "joined_at" timestamptz not null, "left_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "network_node_network_id_status_index" on "platform_mgmt"."network_node" ("network_id", "status");`,
    );

    this.addSql(
      `create table "platform_mgmt"."provisioning_plan" ("network_id" uuid not null, "parameters" jsonb not null, "genesis_validators" jsonb not null, "created_at" timestamptz not null, primary key ("network_id"));`,
    );

    this.addSql(
      `create table "platform_mgmt"."sealed_node_key" ("node_id" uuid not null, "sealed" text not null, primary key ("node_id"));`,
    );

    this.addSql(
      `alter table "platform_mgmt"."network_node" add constraint "network_node_role_check" check ("role" in ('validator', 'bootnode', 'member', 'rpc'));`,
    );
    this.addSql(
      `alter table "platform_mgmt"."network_node" add constraint "network_node_status_check" check ("status" in ('active', 'left'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "platform_mgmt"."network_node" cascade;`);
    this.addSql(`drop table if exists "platform_mgmt"."provisioning_plan" cascade;`);
    this.addSql(`drop table if exists "platform_mgmt"."sealed_node_key" cascade;`);
  }
}
