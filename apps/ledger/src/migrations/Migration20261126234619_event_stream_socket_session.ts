import { Migration } from '@mikro-orm/migrations';

export class Migration20261126234619_event_stream_socket_session extends Migration {
  override name = 'Migration20261126234619_event_stream_socket_session';

  override up(): void | Promise<void> {
    this.addSql(`alter table "ledger"."event_stream" add "socket_session" uuid null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "ledger"."event_stream" drop column "socket_session";`);
  }
}
