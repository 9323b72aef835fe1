/** Each backend app's database schema: its entities and checked-in migrations (for the migration tooling). */
import type { EntitySchema, MigrationObject } from '@mikro-orm/core';
import { GATEWAY_ENTITIES } from '../../apps/gateway/src/entities';
import { GATEWAY_MIGRATIONS } from '../../apps/gateway/src/migrations';
import { PLATFORM_MGMT_ENTITIES } from '../../apps/platform-mgmt/src/entities';
import { PLATFORM_MGMT_MIGRATIONS } from '../../apps/platform-mgmt/src/migrations';
import { LEDGER_ENTITIES } from '../../apps/ledger/src/entities';
import { LEDGER_MIGRATIONS } from '../../apps/ledger/src/migrations';
import { IDENTITY_ENTITIES } from '../../apps/identity/src/entities';
import { IDENTITY_MIGRATIONS } from '../../apps/identity/src/migrations';
import { TEMPLATE_MARKETPLACE_ENTITIES } from '../../apps/template-marketplace/src/entities';
import { TEMPLATE_MARKETPLACE_MIGRATIONS } from '../../apps/template-marketplace/src/migrations';
import { APP_STORE_ENTITIES } from '../../apps/app-store/src/entities';
import { APP_STORE_MIGRATIONS } from '../../apps/app-store/src/migrations';

export interface AppSchema {
  app: string;
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- entity schemas of any shape
  entities: EntitySchema<any, any>[];
  migrations: MigrationObject[];
  migrationsPath: string;
}

export const APP_SCHEMAS: AppSchema[] = [
  {
    app: 'platform-mgmt',
    schema: 'platform_mgmt',
    entities: PLATFORM_MGMT_ENTITIES,
    migrations: PLATFORM_MGMT_MIGRATIONS,
    migrationsPath: 'apps/platform-mgmt/src/migrations',
  },
  {
    app: 'ledger',
    schema: 'ledger',
    entities: LEDGER_ENTITIES,
    migrations: LEDGER_MIGRATIONS,
    migrationsPath: 'apps/ledger/src/migrations',
  },
  {
    app: 'gateway',
    schema: 'gateway',
    entities: GATEWAY_ENTITIES,
    migrations: GATEWAY_MIGRATIONS,
    migrationsPath: 'apps/gateway/src/migrations',
  },
  {
    app: 'identity',
    schema: 'identity',
    entities: IDENTITY_ENTITIES,
    migrations: IDENTITY_MIGRATIONS,
    migrationsPath: 'apps/identity/src/migrations',
  },
  {
    app: 'template-marketplace',
    schema: 'template_marketplace',
    entities: TEMPLATE_MARKETPLACE_ENTITIES,
    migrations: TEMPLATE_MARKETPLACE_MIGRATIONS,
    migrationsPath: 'apps/template-marketplace/src/migrations',
  },
  {
    app: 'app-store',
    schema: 'app_store',
    entities: APP_STORE_ENTITIES,
    migrations: APP_STORE_MIGRATIONS,
    migrationsPath: 'apps/app-store/src/migrations',
  },
];
