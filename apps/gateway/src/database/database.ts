/**
 * The gateway's PostgreSQL: its own fixed schema `gateway`, with the bus tables and its own
 * entities; checked-in migrations run at boot (serialised across instances by libs/persistence).
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { BUS_ENTITIES } from '@strata/bus';
import { ensureDatabaseExists, migrateToLatest, ormOptions } from '@strata/persistence';
import type { GatewayConfig } from '../config';
import { GATEWAY_ENTITIES, GATEWAY_SCHEMA } from '../entities';
import { GATEWAY_MIGRATIONS } from '../migrations';

export async function openDatabase(
  config: Pick<GatewayConfig, 'STRATA_DATABASE_URL'>,
): Promise<MikroORM> {
  const databaseUrl = config.STRATA_DATABASE_URL;
  await ensureDatabaseExists(databaseUrl);
  const orm = new MikroORM(
    ormOptions({
      databaseUrl,
      schema: GATEWAY_SCHEMA,
      entities: [...BUS_ENTITIES, ...GATEWAY_ENTITIES],
      migrations: GATEWAY_MIGRATIONS,
    }),
  );
  await orm.connect();
  await migrateToLatest(orm, databaseUrl, GATEWAY_SCHEMA);
  return orm;
}
