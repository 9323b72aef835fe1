/** The consortium side of the public API: QBFT provisioning, nodes and governance. */
import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { ConsortiumClient } from './consortium.client';
import { GovernanceController } from './governance.controller';
import { NodesController } from './nodes.controller';
import { ProvisioningController } from './provisioning.controller';

@Module({
  imports: [OperationsModule],
  providers: [ConsortiumClient],
  controllers: [ProvisioningController, NodesController, GovernanceController],
})
export class ConsortiumModule {}
