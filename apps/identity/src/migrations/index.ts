/** The checked-in migrations of identity's schema, in order. Generated entries only. */
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126114526_did_key_custody } from './Migration20261126114526_did_key_custody';
import { Migration20261123162936_status_lists } from './Migration20261123162936_status_lists';
import { Migration20261123160524_did_keys } from './Migration20261123160524_did_keys';
import { Migration20261123144729_initial } from './Migration20261123144729_initial';

export const IDENTITY_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261123144729_initial', class: Migration20261123144729_initial },
  { name: 'Migration20261123160524_did_keys', class: Migration20261123160524_did_keys },
  { name: 'Migration20261123162936_status_lists', class: Migration20261123162936_status_lists },
  {
    name: 'Migration20261126114526_did_key_custody',
    class: Migration20261126114526_did_key_custody,
  },
];
