/** Each backend app's database schema: its entities and checked-in migrations (for the migration tooling). */
import type { EntitySchema, MigrationObject } from '@mikro-orm/core';
import { PLATFORM_MGMT_ENTITIES } from '../../apps/platform-mgmt/src/entities';
import { PLATFORM_MGMT_MIGRATIONS } from '../../apps/platform-mgmt/src/migrations';

export interface AppSchema {
  app: string;
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- entity schemas of any shape
  entities: EntitySchema<any, any>[];
  migrations: MigrationObject[];
  migrationsPath: string;
}

export const APP_SCHEMAS: AppSchema[] = [
  { app: 'platform-mgmt', schema: 'platform_mgmt', entities: PLATFORM_MGMT_ENTITIES, migrations: PLATFORM_MGMT_MIGRATIONS, migrationsPath: 'apps/platform-mgmt/src/migrations' },
];
