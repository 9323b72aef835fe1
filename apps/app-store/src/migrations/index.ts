/** The checked-in migrations of app-store's schema, in order. Generated entries only. */
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123144731_initial } from './Migration20261123144731_initial';

export const APP_STORE_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261123144731_initial', class: Migration20261123144731_initial },
];
