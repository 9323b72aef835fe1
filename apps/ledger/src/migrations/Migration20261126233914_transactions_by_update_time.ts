import { Migration } from '@mikro-orm/migrations';

export class Migration20261126233914_transactions_by_update_time extends Migration {
  override name = 'Migration20261126233914_transactions_by_update_time';

  override up(): void | Promise<void> {
    this.addSql(
      `create index "ledger_transaction_network_id_updated_at_index" on "ledger"."ledger_transaction" ("network_id", "updated_at");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "ledger"."ledger_transaction_network_id_updated_at_index";`);
  }
}
