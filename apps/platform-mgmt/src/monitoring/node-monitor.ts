/**
 * The monitoring loop: every pass polls each active node that has a JSON-RPC URL (NodeProbe),
 * stores its latest observation, assesses each network (alert-rules) and lets the AlertBook
 * raise and resolve alerts, then publishes the figures on /metrics. A transaction-scoped
 * advisory lock per network lets several platform-mgmt instances run the loop side by side.
 */
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type { AlertKind } from '@strata/contracts';
import { Clock, PeriodicPasses } from '@strata/runtime';
import { NetworkNode } from '../nodes/network-node.entity';
import { ProvisioningPlanRecord } from '../provisioning/provisioning-plan.entity';
import { AlertBook } from './alert-book';
import { assessNetwork, type NodeSample, POLLED_ALERT_KINDS } from './alert-rules';
import {
  effectiveSettings,
  type EffectiveSettings,
  MonitoringAlert,
  MonitoringSettingsRecord,
  NodeHealthRecord,
} from './monitoring.entities';
import { MonitoringMetrics } from './monitoring-metrics';
import { NodeProbe } from './node-probe';

@Injectable()
export class NodeMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NodeMonitor.name);
  private passes: PeriodicPasses | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly clock: Clock,
    private readonly probe: NodeProbe,
    private readonly alerts: AlertBook,
    private readonly metrics: MonitoringMetrics,
    private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    this.passes = new PeriodicPasses('monitoring', this.intervalMs, () => this.pass(), this.logger);
    this.passes.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.passes?.stop();
  }

  /** One pass over every network with at least one pollable node. */
  async pass(): Promise<void> {
    const nodes = await this.orm.em.fork().find(NetworkNode, { status: 'active' });
    const byNetwork = new Map<string, NetworkNode[]>();
    for (const node of nodes) {
      if (!node.endpoints.rpcUrl) continue;
      byNetwork.set(node.networkId, [...(byNetwork.get(node.networkId) ?? []), node]);
    }
    for (const [networkId, pollable] of byNetwork) {
      await this.assess(networkId, pollable).catch((error: unknown) =>
        this.logger.warn(`monitoring network ${networkId} failed: ${(error as Error).message}`),
      );
    }
  }

  private async assess(networkId: string, nodes: NetworkNode[]): Promise<void> {
    const samples = await Promise.all(nodes.map((node) => this.sample(node)));
    await this.orm.em.fork().transactional(async (em) => {
      const [{ locked }] = await em.execute<{ locked: boolean }[]>(
        'select pg_try_advisory_xact_lock(hashtext(?)) as locked',
        [`monitoring:${networkId}`],
      );
      if (!locked) return;
      const settings = await this.settingsOf(em, networkId);
      const now = this.clock.now();
      const assessment = assessNetwork(networkId, samples, settings, now);
      for (const sample of samples) {
        const o = sample.observation;
        const lag = assessment.lagOf.get(sample.nodeId) ?? null;
        await em.upsert(NodeHealthRecord, {
          nodeId: sample.nodeId,
          networkId,
          reachable: Boolean(o),
          blockNumber: o?.blockNumber ?? null,
          peerCount: o?.peerCount ?? null,
          syncing: o?.syncing ?? null,
          lagBlocks: lag,
          lastBlockAt: o?.lastBlockAt ?? null,
          error: sample.error ?? null,
          observedAt: now,
        });
        this.metrics.node(networkId, sample.name, {
          up: Boolean(o),
          blockHeight: o?.blockNumber ?? null,
          peers: o?.peerCount ?? null,
          syncing: o ? o.syncing : null,
          lag,
          secondsSinceLastBlock: o ? (now.getTime() - o.lastBlockAt.getTime()) / 1000 : null,
        });
      }
      await this.alerts.reconcile(em, networkId, POLLED_ALERT_KINDS, assessment.conditions);
      await em.flush();
      this.metrics.network(networkId, assessment.headBlock, await this.openAlerts(em, networkId));
    });
  }

  private async sample(node: NetworkNode): Promise<NodeSample> {
    try {
      const observation = await this.probe.observe(node.endpoints.rpcUrl ?? '');
      return { nodeId: node.id, name: node.name, observation };
    } catch (error) {
      return { nodeId: node.id, name: node.name, error: (error as Error).message };
    }
  }

  private async settingsOf(em: EntityManager, networkId: string): Promise<EffectiveSettings> {
    const record = await em.findOne(MonitoringSettingsRecord, { networkId });
    const plan = record?.blockPeriodSeconds
      ? null
      : await em.findOne(ProvisioningPlanRecord, { networkId });
    return effectiveSettings(record, plan?.parameters.blockPeriodSeconds);
  }

  private async openAlerts(em: EntityManager, networkId: string): Promise<Map<AlertKind, number>> {
    const open = await em.find(
      MonitoringAlert,
      { networkId, status: 'open' },
      { fields: ['kind'] },
    );
    const counts = new Map<AlertKind, number>(POLLED_ALERT_KINDS.map((kind) => [kind, 0]));
    counts.set('transaction-stuck', 0);
    for (const alert of open) counts.set(alert.kind, (counts.get(alert.kind) ?? 0) + 1);
    return counts;
  }
}
