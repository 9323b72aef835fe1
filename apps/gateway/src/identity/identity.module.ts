/** The identity layer (DIDs, verifiable credentials) as seen from the public API. */
import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { CredentialsController } from './credentials.controller';
import { IdentifiersController } from './identifiers.controller';
import { IdentityClient } from './identity.client';

@Module({
  imports: [OperationsModule],
  providers: [IdentityClient],
  controllers: [IdentifiersController, CredentialsController],
})
export class IdentityModule {}
