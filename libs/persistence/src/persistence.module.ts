/**
 * Nest wiring of an app's database: one MikroORM instance for the app's schema, migrated to the
 * latest version before the app serves anything, closed on shutdown. Services inject `MikroORM`
 * and fork an EntityManager per unit of work (`orm.em.fork()`); there is no global context.
 */
import {
  type DynamicModule,
  Global,
  Inject,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { ensureDatabaseExists } from './database';
import { migrateToLatest } from './migrate';
import { ormOptions, type PersistenceOptions } from './orm-options';

export const PERSISTENCE_OPTIONS = Symbol('PERSISTENCE_OPTIONS');

@Global()
@Module({})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(MikroORM) private readonly orm: MikroORM) {}

  static forRoot(options: PersistenceOptions & { createDatabase?: boolean }): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [
        { provide: PERSISTENCE_OPTIONS, useValue: options },
        {
          provide: MikroORM,
          useFactory: async (): Promise<MikroORM> => {
            if (options.createDatabase) await ensureDatabaseExists(options.databaseUrl);
            const orm = new MikroORM(ormOptions(options));
            await orm.connect();
            await migrateToLatest(orm, options.databaseUrl, options.schema);
            return orm;
          },
        },
      ],
      exports: [MikroORM, PERSISTENCE_OPTIONS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.orm.close();
  }
}
