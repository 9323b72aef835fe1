import { Migration } from '@mikro-orm/migrations';

export class Migration20261126113330_transaction_interventions extends Migration {
  override name = 'Migration20261126113330_transaction_interventions';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "ledger"."transaction_cancellation" ("id" uuid not null, "transaction_id" uuid not null, "network_id" uuid not null, "organisation_id" uuid not null, "status" varchar(20) not null, "reason" text not null, "requested_by" jsonb not null, "requested_at" timestamptz not null, "approved_by" jsonb null, "approved_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "ledger"."transaction_cancellation" add constraint "transaction_cancellation_transaction_id_unique" unique ("transaction_id");`,
    );

    this.addSql(`alter table "ledger"."ledger_transaction" add "cancel_hashes" jsonb null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "ledger"."transaction_cancellation" cascade;`);

    this.addSql(`alter table "ledger"."ledger_transaction" drop column "cancel_hashes";`);
  }
}
