/**
 * Node monitoring figures on platform-mgmt's /metrics, labelled by network and node: block
 * height, peers, syncing, lag, seconds since the last block, reachability; alerts raised and
 * resolved and currently open; webhook delivery failures. infra/grafana/strata-nodes.json charts
 * them (a unit test checks it names only metrics declared here).
 */
import { Inject, Injectable } from '@nestjs/common';
import type { AlertKind } from '@strata/contracts';
import { METRICS_REGISTRY } from '@strata/observability';
import { Counter, Gauge, type Registry } from 'prom-client';

export const MONITORING_METRICS = {
  up: 'strata_node_up',
  blockHeight: 'strata_node_block_height',
  peers: 'strata_node_peers',
  syncing: 'strata_node_syncing',
  lag: 'strata_node_lag_blocks',
  sinceLastBlock: 'strata_node_seconds_since_last_block',
  networkHead: 'strata_network_head_block',
  alertsOpen: 'strata_alerts_open',
  alertChanges: 'strata_alerts_total',
  webhookFailures: 'strata_alert_webhook_failures_total',
} as const;

type NodeLabels = 'network' | 'node';

export interface NodeFigures {
  up: boolean;
  blockHeight: number | null;
  peers: number | null;
  syncing: boolean | null;
  lag: number | null;
  secondsSinceLastBlock: number | null;
}

@Injectable()
export class MonitoringMetrics {
  private readonly nodeGauges: Record<keyof NodeFigures, Gauge<NodeLabels>>;
  private readonly networkHead: Gauge<'network'>;
  private readonly alertsOpen: Gauge<'network' | 'kind'>;
  private readonly alertChanges: Counter<'kind' | 'change'>;
  private readonly webhookFailures: Counter<'network'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    const nodeGauge = (name: string, help: string) =>
      new Gauge({ name, help, labelNames: ['network', 'node'], registers: [registry] });
    this.nodeGauges = {
      up: nodeGauge(MONITORING_METRICS.up, '1 when the node answered the last poll, else 0'),
      blockHeight: nodeGauge(MONITORING_METRICS.blockHeight, "The node's latest block number"),
      peers: nodeGauge(MONITORING_METRICS.peers, 'Peers the node is connected to'),
      syncing: nodeGauge(MONITORING_METRICS.syncing, '1 while the node reports syncing'),
      lag: nodeGauge(MONITORING_METRICS.lag, 'Blocks behind the highest block of its network'),
      secondsSinceLastBlock: nodeGauge(
        MONITORING_METRICS.sinceLastBlock,
        "Seconds since the timestamp of the node's latest block",
      ),
    };
    this.networkHead = new Gauge({
      name: MONITORING_METRICS.networkHead,
      help: 'Highest block any node of the network reported',
      labelNames: ['network'],
      registers: [registry],
    });
    this.alertsOpen = new Gauge({
      name: MONITORING_METRICS.alertsOpen,
      help: 'Open alerts by network and kind',
      labelNames: ['network', 'kind'],
      registers: [registry],
    });
    this.alertChanges = new Counter({
      name: MONITORING_METRICS.alertChanges,
      help: 'Alerts raised and resolved, by kind',
      labelNames: ['kind', 'change'],
      registers: [registry],
    });
    this.webhookFailures = new Counter({
      name: MONITORING_METRICS.webhookFailures,
      help: 'Failed alert webhook deliveries (retried with backoff)',
      labelNames: ['network'],
      registers: [registry],
    });
  }

  node(network: string, node: string, figures: NodeFigures): void {
    const labels = { network, node };
    for (const [key, gauge] of Object.entries(this.nodeGauges)) {
      const value = figures[key as keyof NodeFigures];
      if (value === null) gauge.remove(labels);
      else gauge.set(labels, typeof value === 'boolean' ? Number(value) : value);
    }
  }

  network(network: string, headBlock: number | null, openAlerts: Map<AlertKind, number>): void {
    if (headBlock === null) this.networkHead.remove({ network });
    else this.networkHead.set({ network }, headBlock);
    for (const [kind, count] of openAlerts) this.alertsOpen.set({ network, kind }, count);
  }

  alertChanged(kind: AlertKind, change: 'raised' | 'resolved'): void {
    this.alertChanges.inc({ kind, change });
  }

  webhookFailed(network: string): void {
    this.webhookFailures.inc({ network });
  }
}
