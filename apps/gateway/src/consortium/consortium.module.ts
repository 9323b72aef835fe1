/** The consortium side of the public API: QBFT provisioning, nodes and (next) governance. */
import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { ConsortiumClient } from './consortium.client';
import { NodesController } from './nodes.controller';
import { ProvisioningController } from './provisioning.controller';

@Module({
  imports: [OperationsModule],
  providers: [ConsortiumClient],
  controllers: [ProvisioningController, NodesController],
})
export class ConsortiumModule {}
