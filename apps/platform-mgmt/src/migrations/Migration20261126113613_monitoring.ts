import { Migration } from '@mikro-orm/migrations';

export class Migration20261126113613_monitoring extends Migration {
  override name = 'Migration20261126113613_monitoring';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "platform_mgmt"."alert_webhook_delivery" ("id" uuid not null, "network_id" uuid not null, "url" varchar(2048) not null, "body" jsonb not null, "attempts" int not null, "next_attempt_at" timestamptz null, "delivered_at" timestamptz null, "last_error" text null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "alert_webhook_delivery_delivered_at_next_attempt_at_index" on "platform_mgmt"."alert_webhook_delivery" ("delivered_at", "next_attempt_at");`,
    );

    this.addSql(
      `create table "platform_mgmt"."monitoring_alert" ("id" uuid not null, "network_id" uuid not null, "kind" text not null, "subject" varchar(100) not null, "node_id" uuid null, "status" text not null, "detail" text not null, "raised_at" timestamptz not null, "resolved_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "monitoring_alert_network_id_status_kind_index" on "platform_mgmt"."monitoring_alert" ("network_id", "status", "kind");`,
    );
    this.addSql(
      `create index "monitoring_alert_network_id_raised_at_index" on "platform_mgmt"."monitoring_alert" ("network_id", "raised_at");`,
    );

    this.addSql(
      `create table "platform_mgmt"."monitoring_settings" ("network_id" uuid not null, "block_period_seconds" int null, "no_block_periods" int not null, "min_peers" int not null, "max_lag_blocks" int not null, "webhook_urls" jsonb not null, "updated_at" timestamptz not null, primary key ("network_id"));`,
    );

    this.addSql(
      `create table "platform_mgmt"."node_health" ("node_id" uuid not null, "network_id" uuid not null, "reachable" boolean not null, "block_number" int null, "peer_count" int null, "syncing" boolean null, "lag_blocks" int null, "last_block_at" timestamptz null, "error" text null, "observed_at" timestamptz not null, primary key ("node_id"));`,
    );
    this.addSql(
      `create index "node_health_network_id_index" on "platform_mgmt"."node_health" ("network_id");`,
    );

    this.addSql(
      `alter table "platform_mgmt"."monitoring_alert" add constraint "monitoring_alert_kind_check" check ("kind" in ('no-new-blocks', 'peers-below-minimum', 'node-lagging', 'node-unreachable', 'transaction-stuck'));`,
    );
    this.addSql(
      `alter table "platform_mgmt"."monitoring_alert" add constraint "monitoring_alert_status_check" check ("status" in ('open', 'resolved'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "platform_mgmt"."alert_webhook_delivery" cascade;`);
    this.addSql(`drop table if exists "platform_mgmt"."monitoring_alert" cascade;`);
    this.addSql(`drop table if exists "platform_mgmt"."monitoring_settings" cascade;`);
    this.addSql(`drop table if exists "platform_mgmt"."node_health" cascade;`);
  }
}
