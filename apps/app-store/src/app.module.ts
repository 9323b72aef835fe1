/** App store: vendor apps, reviews and installs (capabilities arrive with their issues). */
import { Module } from '@nestjs/common';
import { Clock, serviceModules, SystemClock } from '@strata/runtime';
import { loadAppStoreConfig } from './config';
import { APP_STORE_ENTITIES } from './entities';
import { APP_STORE_MIGRATIONS } from './migrations';

@Module({
  imports: serviceModules({
    app: 'app-store',
    schema: 'app_store',
    config: loadAppStoreConfig(),
    entities: APP_STORE_ENTITIES,
    migrations: APP_STORE_MIGRATIONS,
  }),
  providers: [{ provide: Clock, useClass: SystemClock }],
})
export class AppModule {}
