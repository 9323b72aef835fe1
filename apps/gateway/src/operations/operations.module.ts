/** Operations (POST -> command) with idempotency keys, and the platform-mgmt query client. */
import { Module } from '@nestjs/common';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { PlatformMgmtClient } from '../platform-mgmt/platform-mgmt.client';
import { OperationsController } from './operations.controller';
import { OperationsService } from './operations.service';

@Module({
  providers: [IdempotencyService, OperationsService, PlatformMgmtClient],
  controllers: [OperationsController],
  exports: [OperationsService, PlatformMgmtClient],
})
export class OperationsModule {}
