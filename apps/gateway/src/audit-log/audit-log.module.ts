/** The audit log side of the public API (entries, proofs, anchors, export, anchoring). */
import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { AuditLogClient } from './audit-log.client';
import { AuditLogController } from './audit-log.controller';

@Module({
  imports: [OperationsModule],
  providers: [AuditLogClient],
  controllers: [AuditLogController],
})
export class AuditLogModule {}
