/** The on-chain trust registries (DIDs, trusted issuers, trusted schemas) as seen from the public API. */
import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { TrustChangesController } from './trust-changes.controller';
import { TrustedIssuersController } from './trusted-issuers.controller';
import { TrustedSchemasController } from './trusted-schemas.controller';
import { TrustRegistryClient } from './trust-registry.client';

@Module({
  imports: [OperationsModule],
  providers: [TrustRegistryClient],
  controllers: [TrustChangesController, TrustedIssuersController, TrustedSchemasController],
})
export class TrustRegistryModule {}
