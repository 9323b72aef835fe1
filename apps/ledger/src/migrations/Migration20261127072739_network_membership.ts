import { Migration } from '@mikro-orm/migrations';

export class Migration20261127072739_network_membership extends Migration {
  override name = 'Migration20261127072739_network_membership';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "ledger"."network_membership" ("network_id" uuid not null, "revision" int not null, primary key ("network_id"));`,
    );
    // Networks learnt before: their members came from registration, revision 0.
    this.addSql(
      `insert into "ledger"."network_membership" ("network_id", "revision") select "id", 0 from "ledger"."network";`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "ledger"."network_membership" cascade;`);
  }
}
