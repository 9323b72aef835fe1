/** The checked-in migrations of the ledger's schema, in order. Generated entries only. */
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127072739_network_membership } from './Migration20261127072739_network_membership';
import { Migration20261126234619_event_stream_socket_session } from './Migration20261126234619_event_stream_socket_session';
import { Migration20261126233914_transactions_by_update_time } from './Migration20261126233914_transactions_by_update_time';
import { Migration20261126174308_synced_block_raw_logs } from './Migration20261126174308_synced_block_raw_logs';
import { Migration20261126152725_release_nonce_of_unsigned_transaction } from './Migration20261126152725_release_nonce_of_unsigned_transaction';
import { Migration20261126114110_key_curves_and_signer_roles } from './Migration20261126114110_key_curves_and_signer_roles';
import { Migration20261126113959_network_transaction_settings } from './Migration20261126113959_network_transaction_settings';
import { Migration20261126113330_transaction_interventions } from './Migration20261126113330_transaction_interventions';
import { Migration20261126113618_event_streams } from './Migration20261126113618_event_streams';
import { Migration20261123160428_event_sync } from './Migration20261123160428_event_sync';
import { Migration20261123154232_master_accounts } from './Migration20261123154232_master_accounts';
import { Migration20261123153827_key_custody } from './Migration20261123153827_key_custody';
import { Migration20261123152646_transactions } from './Migration20261123152646_transactions';
import { Migration20261123144713_initial } from './Migration20261123144713_initial';

export const LEDGER_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261123144713_initial', class: Migration20261123144713_initial },
  { name: 'Migration20261123152646_transactions', class: Migration20261123152646_transactions },
  { name: 'Migration20261123153827_key_custody', class: Migration20261123153827_key_custody },
  {
    name: 'Migration20261123154232_master_accounts',
    class: Migration20261123154232_master_accounts,
  },
  { name: 'Migration20261123160428_event_sync', class: Migration20261123160428_event_sync },
  {
    name: 'Migration20261126113330_transaction_interventions',
    class: Migration20261126113330_transaction_interventions,
  },
  {
    name: 'Migration20261126113959_network_transaction_settings',
    class: Migration20261126113959_network_transaction_settings,
  },
  { name: 'Migration20261126113618_event_streams', class: Migration20261126113618_event_streams },
  {
    name: 'Migration20261126114110_key_curves_and_signer_roles',
    class: Migration20261126114110_key_curves_and_signer_roles,
  },
  {
    name: 'Migration20261126152725_release_nonce_of_unsigned_transaction',
    class: Migration20261126152725_release_nonce_of_unsigned_transaction,
  },
  {
    name: 'Migration20261126174308_synced_block_raw_logs',
    class: Migration20261126174308_synced_block_raw_logs,
  },
  {
    name: 'Migration20261126233914_transactions_by_update_time',
    class: Migration20261126233914_transactions_by_update_time,
  },
  {
    name: 'Migration20261126234619_event_stream_socket_session',
    class: Migration20261126234619_event_stream_socket_session,
  },
  {
    name: 'Migration20261127072739_network_membership',
    class: Migration20261127072739_network_membership,
  },
];
