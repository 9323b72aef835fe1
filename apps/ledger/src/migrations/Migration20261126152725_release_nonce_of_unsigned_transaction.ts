import { Migration } from '@mikro-orm/migrations';

export class Migration20261126152725_release_nonce_of_unsigned_transaction extends Migration {
  override name = 'Migration20261126152725_release_nonce_of_unsigned_transaction';

  override up(): void | Promise<void> {
    this.addSql(`alter table "ledger"."ledger_transaction" alter column "nonce" drop not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "ledger"."ledger_transaction" alter column "nonce" set not null;`);
  }
}
