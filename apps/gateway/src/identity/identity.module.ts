/** The identity layer (DIDs, verifiable credentials, status lists, presentations) as seen from the public API. */
import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { CredentialsController } from './credentials.controller';
import { IdentifiersController } from './identifiers.controller';
import { IdentityClient } from './identity.client';
import { PresentationsController } from './presentations.controller';
import { StatusListsController } from './status-lists.controller';
import { VcApiController } from './vc-api.controller';

@Module({
  imports: [OperationsModule],
  providers: [IdentityClient],
  controllers: [
    IdentifiersController,
    CredentialsController,
    StatusListsController,
    PresentationsController,
    VcApiController,
  ],
})
export class IdentityModule {}
