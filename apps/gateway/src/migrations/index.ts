/** The checked-in migrations of the gateway's schema, in order. Generated entries only. */
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123144650_operations } from './Migration20261123144650_operations';

export const GATEWAY_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261123144650_operations', class: Migration20261123144650_operations },
];
