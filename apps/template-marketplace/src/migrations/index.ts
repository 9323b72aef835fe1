/** The checked-in migrations of template-marketplace's schema, in order. Generated entries only. */
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123144730_initial } from './Migration20261123144730_initial';

export const TEMPLATE_MARKETPLACE_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261123144730_initial', class: Migration20261123144730_initial },
];
