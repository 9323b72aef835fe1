/** Identity layer: DIDs (did:key, keys in the KeyVault) for organisations, their resolution, VC-JWT issue/verify and Bitstring Status Lists. */
import { Module } from '@nestjs/common';
import { Clock, serviceModules, SystemClock } from '@strata/runtime';
import { loadIdentityConfig } from './config';
import { IDENTITY_ENTITIES } from './entities';
import { CredentialsService } from './credentials/credentials.service';
import { IssuancePolicy } from './credentials/issuance-policy';
import { IdentifiersService } from './identifiers/identifiers.service';
import { didKeyCustodyProviders } from './key-custody/did-key-custody.providers';
import { IdentityHandlers } from './identity.handlers';
import { IDENTITY_MIGRATIONS } from './migrations';
import { trustRegistryProviders } from './trust-registry/trust-registry.providers';
import { STATUS_LIST_BASE_URL, StatusListsService } from './status/status-lists.service';

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
    ...didKeyCustodyProviders(config),
    IdentifiersService,
    {
      provide: IssuancePolicy,
      useValue: new IssuancePolicy(config.STRATA_IDENTITY_ISSUANCE_POLICIES),
    },
    CredentialsService,
    { provide: STATUS_LIST_BASE_URL, useValue: config.STRATA_IDENTITY_STATUS_LIST_BASE_URL },
    StatusListsService,
    IdentityHandlers,
    ...trustRegistryProviders(config),
  ],
})
export class AppModule {}
