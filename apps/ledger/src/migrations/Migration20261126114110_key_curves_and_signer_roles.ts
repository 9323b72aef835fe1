import { Migration } from '@mikro-orm/migrations';

export class Migration20261126114110_key_curves_and_signer_roles extends Migration {
  override name = 'Migration20261126114110_key_curves_and_signer_roles';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "ledger"."custody_key" add "curve" varchar(16) not null default 'secp256k1', add "public_key" text null, add "signer_roles" jsonb null;`,
    );
    this.addSql(`alter table "ledger"."custody_key" alter column "address" drop not null;`);

    this.addSql(
      `alter table "ledger"."key_usage" add "curve" varchar(16) not null default 'secp256k1';`,
    );
    this.addSql(`alter table "ledger"."key_usage" alter column "address" drop not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(
      `alter table "ledger"."custody_key" drop column "curve", drop column "public_key", drop column "signer_roles";`,
    );
    this.addSql(`alter table "ledger"."custody_key" alter column "address" set not null;`);

    this.addSql(`alter table "ledger"."key_usage" drop column "curve";`);
    this.addSql(`alter table "ledger"."key_usage" alter column "address" set not null;`);
  }
}
