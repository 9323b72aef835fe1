/** The providers of node monitoring and alerts, registered by platform-mgmt's AppModule. */
import type { Provider } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { Clock, WebhookTargets } from '@strata/runtime';
import { AlertBook } from './alert-book';
import { MonitoringHandlers } from './monitoring.handlers';
import { MonitoringMetrics } from './monitoring-metrics';
import { MonitoringService } from './monitoring.service';
import { NodeMonitor } from './node-monitor';
import { JsonRpcNodeProbe, NodeProbe } from './node-probe';
import { WebhookDispatcher } from './webhook-dispatcher';

export function monitoringProviders(settings: {
  intervalMs: number;
  probeTimeoutMs: number;
  webhookTargets: WebhookTargets;
}): Provider[] {
  return [
    { provide: WebhookTargets, useValue: settings.webhookTargets },
    MonitoringMetrics,
    AlertBook,
    MonitoringService,
    MonitoringHandlers,
    WebhookDispatcher,
    { provide: NodeProbe, useValue: new JsonRpcNodeProbe(settings.probeTimeoutMs) },
    {
      provide: NodeMonitor,
      inject: [MikroORM, Clock, NodeProbe, AlertBook, MonitoringMetrics],
      useFactory: (
        orm: MikroORM,
        clock: Clock,
        probe: NodeProbe,
        alerts: AlertBook,
        metrics: MonitoringMetrics,
      ) => new NodeMonitor(orm, clock, probe, alerts, metrics, settings.intervalMs),
    },
  ];
}
