/** The identity layer (DIDs) as seen from the public API. */
import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { IdentifiersController } from './identifiers.controller';
import { IdentityClient } from './identity.client';

@Module({
  imports: [OperationsModule],
  providers: [IdentityClient],
  controllers: [IdentifiersController],
})
export class IdentityModule {}
