/**
 * platform-mgmt's monitoring side of the bus: the settings command, the monitoring queries, and
 * the ledger's transaction events: `transaction-stuck` raises a transaction-stuck alert, the
 * transaction leaving that state (mined, failed, cancelled, replaced) resolves it.
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  configureMonitoringSchema,
  LedgerTransactionTopics,
  type MonitoringQuery,
  monitoringQuerySchema,
  MonitoringTopics,
  type TransactionStatus,
  transactionSchema,
} from '@strata/contracts';
import { BusConsumers } from '@strata/bus';
import { AlertBook } from './alert-book';
import { MonitoringService } from './monitoring.service';

const UNSTUCK: readonly TransactionStatus[] = ['mined', 'failed', 'cancelled', 'replaced'];

@Injectable()
export class MonitoringHandlers implements OnModuleInit {
  constructor(
    private readonly consumers: BusConsumers,
    private readonly monitoring: MonitoringService,
    private readonly alerts: AlertBook,
  ) {}

  onModuleInit(): void {
    this.consumers.onCommand(
      MonitoringTopics.configureMonitoring,
      configureMonitoringSchema,
      ({ em, outbox, payload, actor }) => this.monitoring.configure(em, outbox, payload, actor),
    );
    this.consumers.onQuery<MonitoringQuery, unknown>(
      MonitoringTopics.queries,
      monitoringQuerySchema,
      async ({ em, payload, actor }) => {
        switch (payload.query) {
          case 'get-network-health':
            return this.monitoring.networkHealth(em, payload.networkId, actor);
          case 'get-node-health':
            return this.monitoring.nodeHealth(em, payload.networkId, payload.nodeId, actor);
          case 'get-monitoring-settings':
            return this.monitoring.settings(em, payload.networkId, actor);
          case 'list-alerts':
            return this.monitoring.listAlerts(em, payload.networkId, payload.params, actor);
        }
      },
    );
    this.consumers.onEvent(
      LedgerTransactionTopics.transitioned('stuck'),
      transactionSchema,
      ({ em, payload }) =>
        this.alerts.raise(em, payload.networkId, {
          kind: 'transaction-stuck',
          subject: payload.id,
          nodeId: null,
          detail: `transaction ${payload.id} from ${payload.from} (nonce ${payload.nonce}) is stuck after ${payload.attempts} attempt(s)${payload.failureReason ? `: ${payload.failureReason}` : ''}`,
        }),
    );
    for (const status of UNSTUCK) {
      this.consumers.onEvent(
        LedgerTransactionTopics.transitioned(status),
        transactionSchema,
        ({ em, payload }) =>
          this.alerts.resolveSubject(em, payload.networkId, 'transaction-stuck', payload.id),
      );
    }
  }
}
