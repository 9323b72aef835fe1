import { Migration } from '@mikro-orm/migrations';

export class Migration20261123155040_node_permissioning extends Migration {
  override name = 'Migration20261123155040_node_permissioning';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "platform_mgmt"."network_node" add "permissioned_at" timestamptz null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "platform_mgmt"."network_node" drop column "permissioned_at";`);
  }
}
