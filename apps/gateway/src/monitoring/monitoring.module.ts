/** Node monitoring and alerts in the public API (owned by platform-mgmt). */
import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { MonitoringClient } from './monitoring.client';
import { MonitoringController } from './monitoring.controller';

@Module({
  imports: [OperationsModule],
  providers: [MonitoringClient],
  controllers: [MonitoringController],
})
export class MonitoringModule {}
