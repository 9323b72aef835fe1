import { Migration } from '@mikro-orm/migrations';

export class Migration20261126122246_parameter_transitions extends Migration {
  override name = 'Migration20261126122246_parameter_transitions';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "platform_mgmt"."provisioning_plan" add "transitions" jsonb not null default '[]';`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "platform_mgmt"."provisioning_plan" drop column "transitions";`);
  }
}
