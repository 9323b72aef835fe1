/**
 * Raises and resolves alerts: each change is stored with its event (`alert-raised.v1` /
 * `alert-resolved.v1`, keyed by network) through the outbox and, in the same transaction, one
 * webhook delivery per URL configured for the network (sent later by the WebhookDispatcher).
 * An alert is identified by (network, kind, subject): raising an open one again does nothing.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type AlertKind, MonitoringTopics } from '@strata/contracts';
import { OutboxWriter } from '@strata/bus';
import { Clock } from '@strata/runtime';
import { alertKey, type AlertCondition } from './alert-rules';
import {
  AlertWebhookDelivery,
  MonitoringAlert,
  MonitoringSettingsRecord,
  toAlertDto,
} from './monitoring.entities';
import { MonitoringMetrics } from './monitoring-metrics';

@Injectable()
export class AlertBook {
  constructor(
    private readonly clock: Clock,
    private readonly metrics: MonitoringMetrics,
  ) {}

  /** Raises the conditions not yet open and resolves open alerts of `kinds` that no longer hold. */
  async reconcile(
    em: EntityManager,
    networkId: string,
    kinds: readonly AlertKind[],
    conditions: readonly AlertCondition[],
  ): Promise<void> {
    const open = await em.find(MonitoringAlert, {
      networkId,
      status: 'open',
      kind: { $in: [...kinds] },
    });
    const openKeys = new Set(open.map((a) => alertKey(a.kind, a.subject)));
    const holding = new Set(conditions.map((c) => alertKey(c.kind, c.subject)));
    for (const condition of conditions) {
      if (!openKeys.has(alertKey(condition.kind, condition.subject)))
        await this.raise(em, networkId, condition);
    }
    for (const alert of open) {
      if (!holding.has(alertKey(alert.kind, alert.subject))) await this.resolve(em, alert);
    }
  }

  async raise(em: EntityManager, networkId: string, condition: AlertCondition): Promise<void> {
    const existing = await em.findOne(MonitoringAlert, {
      networkId,
      kind: condition.kind,
      subject: condition.subject,
      status: 'open',
    });
    if (existing) return;
    const alert = em.create(MonitoringAlert, {
      id: randomUUID(),
      networkId,
      kind: condition.kind,
      subject: condition.subject,
      nodeId: condition.nodeId,
      status: 'open',
      detail: condition.detail,
      raisedAt: this.clock.now(),
      resolvedAt: null,
    });
    this.metrics.alertChanged(alert.kind, 'raised');
    await this.announce(em, alert, MonitoringTopics.alertRaised, 'alert-raised');
  }

  /** Resolves the open alert (network, kind, subject), if there is one. */
  async resolveSubject(
    em: EntityManager,
    networkId: string,
    kind: AlertKind,
    subject: string,
  ): Promise<void> {
    const open = await em.findOne(MonitoringAlert, { networkId, kind, subject, status: 'open' });
    if (open) await this.resolve(em, open);
  }

  private async resolve(em: EntityManager, alert: MonitoringAlert): Promise<void> {
    alert.status = 'resolved';
    alert.resolvedAt = this.clock.now();
    this.metrics.alertChanged(alert.kind, 'resolved');
    await this.announce(em, alert, MonitoringTopics.alertResolved, 'alert-resolved');
  }

  private async announce(
    em: EntityManager,
    alert: MonitoringAlert,
    topic: string,
    event: 'alert-raised' | 'alert-resolved',
  ): Promise<void> {
    const dto = toAlertDto(alert);
    new OutboxWriter(em).add({ topic, key: alert.networkId, payload: dto });
    const settings = await em.findOne(MonitoringSettingsRecord, { networkId: alert.networkId });
    const now = this.clock.now();
    for (const url of settings?.webhookUrls ?? []) {
      em.create(AlertWebhookDelivery, {
        id: randomUUID(),
        networkId: alert.networkId,
        url,
        body: { event, alert: dto },
        attempts: 0,
        nextAttemptAt: now,
        deliveredAt: null,
        lastError: null,
        createdAt: now,
      });
    }
  }
}
