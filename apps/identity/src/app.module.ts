/** Identity layer: DIDs, verifiable credentials, trusted issuers (capabilities arrive with their issues). */
import { Module } from '@nestjs/common';
import { Clock, serviceModules, SystemClock } from '@strata/runtime';
import { loadIdentityConfig } from './config';
import { IDENTITY_ENTITIES } from './entities';
import { IDENTITY_MIGRATIONS } from './migrations';

@Module({
  imports: serviceModules({
    app: 'identity',
    schema: 'identity',
    config: loadIdentityConfig(),
    entities: IDENTITY_ENTITIES,
    migrations: IDENTITY_MIGRATIONS,
  }),
  providers: [{ provide: Clock, useClass: SystemClock }],
})
export class AppModule {}
