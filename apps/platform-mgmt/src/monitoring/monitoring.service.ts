/**
 * Node monitoring's reads (network and node health, alerts, settings) and its one write (the
 * per-network thresholds and webhooks). Members of a network, operators and global readers see it;
 * platform administrators and operators configure it.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type Actor,
  type Alert,
  type ConfigureMonitoring,
  hasGlobalReadScope,
  type ListAlertsQuery,
  type MonitoringSettings,
  MonitoringTopics,
  type NetworkHealth,
  type NodeHealth,
  type Page,
} from '@strata/contracts';
import { DomainProblem, type OutboxWriter } from '@strata/bus';
import { Clock, WebhookTargets } from '@strata/runtime';
import { Network, NetworkMember } from '../networks/network.entity';
import { NetworkNode } from '../nodes/network-node.entity';
import { ProvisioningPlanRecord } from '../provisioning/provisioning-plan.entity';
import {
  effectiveSettings,
  MonitoringAlert,
  MonitoringSettingsRecord,
  NodeHealthRecord,
  toAlertDto,
  toSettingsDto,
} from './monitoring.entities';

@Injectable()
export class MonitoringService {
  constructor(
    private readonly clock: Clock,
    private readonly targets: WebhookTargets,
  ) {}

  async configure(
    em: EntityManager,
    outbox: OutboxWriter,
    { networkId, settings }: ConfigureMonitoring,
    actor: Actor | undefined,
  ): Promise<MonitoringSettings> {
    if (!actor?.roles.some((role) => role === 'platform-admin' || role === 'operator')) {
      throw DomainProblem.forbidden(
        'Only platform administrators and operators configure monitoring.',
      );
    }
    if (!(await em.findOne(Network, { id: networkId })))
      throw DomainProblem.notFound('Network', networkId);
    // An IP literal is judged now; a host name each time it is resolved (WebhookPoster).
    const refused = settings.webhookUrls
      .map((url, index) => ({ index, refusal: this.targets.refusalOfUrl(url) }))
      .filter((entry) => entry.refusal !== null);
    if (refused.length > 0) {
      throw DomainProblem.invalidFields(
        `webhookUrls may not be used: ${refused.map((r) => r.refusal).join('; ')}.`,
        refused.map((r) => ({
          path: `webhookUrls.${r.index}`,
          message: `may not be used: ${String(r.refusal)}`,
        })),
      );
    }
    const updatedAt = this.clock.now();
    await em.upsert(MonitoringSettingsRecord, {
      networkId,
      blockPeriodSeconds: settings.blockPeriodSeconds ?? null,
      noBlockPeriods: settings.noBlockPeriods,
      minPeers: settings.minPeers,
      maxLagBlocks: settings.maxLagBlocks,
      webhookUrls: settings.webhookUrls,
      updatedAt,
    });
    const dto = await this.settings(em, networkId, actor);
    outbox.add({ topic: MonitoringTopics.monitoringConfigured, key: networkId, payload: dto });
    return dto;
  }

  async settings(
    em: EntityManager,
    networkId: string,
    actor: Actor | undefined,
  ): Promise<MonitoringSettings> {
    await this.requireVisible(em, networkId, actor);
    const record = await em.findOne(MonitoringSettingsRecord, { networkId });
    const plan = await em.findOne(ProvisioningPlanRecord, { networkId });
    return toSettingsDto(
      networkId,
      effectiveSettings(record, plan?.parameters.blockPeriodSeconds),
      record?.updatedAt ?? null,
    );
  }

  async networkHealth(
    em: EntityManager,
    networkId: string,
    actor: Actor | undefined,
  ): Promise<NetworkHealth> {
    await this.requireVisible(em, networkId, actor);
    const nodes = await em.find(
      NetworkNode,
      { networkId, status: 'active' },
      { orderBy: { name: 'asc' } },
    );
    const records = await em.find(NodeHealthRecord, { networkId });
    const health = nodes.flatMap((node) => {
      const record = records.find((r) => r.nodeId === node.id);
      return record ? [this.toNodeHealth(node, record)] : [];
    });
    const reachable = health.filter((h) => h.blockNumber !== null);
    const lastBlockAt = reachable.reduce<string | null>(
      (latest, h) =>
        h.lastBlockAt && (!latest || h.lastBlockAt > latest) ? h.lastBlockAt : latest,
      null,
    );
    return {
      networkId,
      headBlock: reachable.length ? Math.max(...reachable.map((h) => h.blockNumber ?? 0)) : null,
      lastBlockAt,
      secondsSinceLastBlock: lastBlockAt ? this.secondsSince(new Date(lastBlockAt)) : null,
      openAlerts: await em.count(MonitoringAlert, { networkId, status: 'open' }),
      nodes: health,
    };
  }

  async nodeHealth(
    em: EntityManager,
    networkId: string,
    nodeId: string,
    actor: Actor | undefined,
  ): Promise<NodeHealth> {
    await this.requireVisible(em, networkId, actor);
    const node = await em.findOne(NetworkNode, { id: nodeId, networkId });
    const record = await em.findOne(NodeHealthRecord, { nodeId, networkId });
    if (!node || !record) throw DomainProblem.notFound('Node health', nodeId);
    return this.toNodeHealth(node, record);
  }

  async listAlerts(
    em: EntityManager,
    networkId: string,
    params: ListAlertsQuery,
    actor: Actor | undefined,
  ): Promise<Page<Alert>> {
    await this.requireVisible(em, networkId, actor);
    const where = {
      networkId,
      ...(params.status ? { status: params.status } : {}),
      ...(params.kind ? { kind: params.kind } : {}),
    };
    const [items, total] = await em.findAndCount(MonitoringAlert, where, {
      orderBy: { raisedAt: 'desc', id: 'asc' },
      limit: params.limit,
      offset: params.offset,
    });
    return { items: items.map(toAlertDto), total, limit: params.limit, offset: params.offset };
  }

  /** Outsiders get the same answer as for a network that does not exist. */
  private async requireVisible(
    em: EntityManager,
    networkId: string,
    actor: Actor | undefined,
  ): Promise<void> {
    const network = await em.findOne(Network, { id: networkId });
    if (!network || !actor) throw DomainProblem.notFound('Network', networkId);
    if (hasGlobalReadScope(actor) || actor.roles.includes('operator')) return;
    const member =
      actor.organisationId &&
      (await em.findOne(NetworkMember, { networkId, organisationId: actor.organisationId }));
    if (!member) throw DomainProblem.notFound('Network', networkId);
  }

  private toNodeHealth(node: NetworkNode, record: NodeHealthRecord): NodeHealth {
    return {
      nodeId: node.id,
      networkId: node.networkId,
      name: node.name,
      reachable: record.reachable,
      blockNumber: record.blockNumber ?? null,
      peerCount: record.peerCount ?? null,
      syncing: record.syncing ?? null,
      lagBlocks: record.lagBlocks ?? null,
      lastBlockAt: record.lastBlockAt?.toISOString() ?? null,
      secondsSinceLastBlock: record.lastBlockAt ? this.secondsSince(record.lastBlockAt) : null,
      error: record.error ?? null,
      observedAt: record.observedAt.toISOString(),
    };
  }

  private secondsSince(at: Date): number {
    return Math.max(0, (this.clock.now().getTime() - at.getTime()) / 1000);
  }
}
