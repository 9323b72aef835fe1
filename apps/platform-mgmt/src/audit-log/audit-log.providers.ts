/** platform-mgmt's audit log: chain appends from Kafka, anchoring on chain, reads for auditors. */
import type { Provider } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { Clock } from '@strata/runtime';
import { AnchorLedgerClient } from './anchor-ledger.client';
import { AnchorScheduler } from './anchor-scheduler';
import type { AnchorPolicy } from './anchor-window';
import { AnchoringSetup } from './anchoring-setup';
import { AuditChainService } from './audit-chain.service';
import { AuditEventConsumer } from './audit-event.consumer';
import { AuditLogHandlers } from './audit-log.handlers';
import { AuditLogMetrics } from './audit-log.metrics';
import { AuditLogService } from './audit-log.service';

export function auditLogProviders(policy: AnchorPolicy): Provider[] {
  return [
    AuditLogMetrics,
    AuditChainService,
    AuditEventConsumer,
    AuditLogService,
    AuditLogHandlers,
    AnchorLedgerClient,
    AnchoringSetup,
    {
      provide: AnchorScheduler,
      inject: [MikroORM, Clock, AnchoringSetup, AnchorLedgerClient, AuditLogMetrics],
      useFactory: (
        orm: MikroORM,
        clock: Clock,
        setup: AnchoringSetup,
        ledger: AnchorLedgerClient,
        metrics: AuditLogMetrics,
      ) => new AnchorScheduler(orm, clock, setup, ledger, metrics, policy),
    },
  ];
}
