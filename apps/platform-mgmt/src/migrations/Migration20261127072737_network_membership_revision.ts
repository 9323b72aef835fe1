import { Migration } from '@mikro-orm/migrations';

export class Migration20261127072737_network_membership_revision extends Migration {
  override name = 'Migration20261127072737_network_membership_revision';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "platform_mgmt"."network" add "membership_revision" int not null default 0;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "platform_mgmt"."network" drop column "membership_revision";`);
  }
}
