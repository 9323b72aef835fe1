/** Identity layer: DIDs (did:key held by the platform for organisations), their resolution, and VC-JWT issue/verify. */
import { Module } from '@nestjs/common';
import { KeyEncryption } from '@strata/persistence';
import { Clock, serviceModules, SystemClock } from '@strata/runtime';
import { identityKeystorePassphrase, loadIdentityConfig } from './config';
import { IDENTITY_ENTITIES } from './entities';
import { CredentialsService } from './credentials/credentials.service';
import { IdentifiersService, IDENTITY_KEY_ENCRYPTION } from './identifiers/identifiers.service';
import { IdentityHandlers } from './identity.handlers';
import { IDENTITY_MIGRATIONS } from './migrations';

const config = loadIdentityConfig();

@Module({
  imports: serviceModules({
    app: 'identity',
    schema: 'identity',
    config,
    entities: IDENTITY_ENTITIES,
    migrations: IDENTITY_MIGRATIONS,
  }),
  providers: [
    { provide: Clock, useClass: SystemClock },
    {
      provide: IDENTITY_KEY_ENCRYPTION,
      useFactory: () => new KeyEncryption(identityKeystorePassphrase(config)),
    },
    IdentifiersService,
    CredentialsService,
    IdentityHandlers,
  ],
})
export class AppModule {}
