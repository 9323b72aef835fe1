import { Migration } from '@mikro-orm/migrations';

export class Migration20261127073903_node_permission_revocation extends Migration {
  override name = 'Migration20261127073903_node_permission_revocation';

  override up(): void | Promise<void> {
    this.addSql(`alter table "platform_mgmt"."network_node" add "revoked_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "platform_mgmt"."network_node" drop column "revoked_at";`);
  }
}
