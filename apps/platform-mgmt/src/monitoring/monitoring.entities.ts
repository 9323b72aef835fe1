/**
 * Node monitoring's tables: the latest observation of each node, the alerts raised and resolved,
 * the per-network thresholds and webhooks, and the webhook deliveries still to make.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import {
  ALERT_KINDS,
  type Alert as AlertDto,
  type MonitoringSettings as MonitoringSettingsDto,
} from '@strata/contracts';

export const NodeHealthRecord = defineEntity({
  name: 'NodeHealthRecord',
  tableName: 'node_health',
  properties: {
    nodeId: p.uuid().primary(),
    networkId: p.uuid().index(),
    reachable: p.boolean(),
    blockNumber: p.integer().nullable(),
    peerCount: p.integer().nullable(),
    syncing: p.boolean().nullable(),
    lagBlocks: p.integer().nullable(),
    lastBlockAt: p.datetime().nullable(),
    error: p.text().nullable(),
    observedAt: p.datetime(),
  },
});
export type NodeHealthRecord = InferEntity<typeof NodeHealthRecord>;

export const MonitoringAlert = defineEntity({
  name: 'MonitoringAlert',
  tableName: 'monitoring_alert',
  indexes: [
    { properties: ['networkId', 'status', 'kind'] },
    { properties: ['networkId', 'raisedAt'] },
  ],
  properties: {
    id: p.uuid().primary(),
    networkId: p.uuid(),
    kind: p.enum(ALERT_KINDS),
    subject: p.string().length(100),
    nodeId: p.uuid().nullable(),
    status: p.enum(['open', 'resolved'] as const),
    detail: p.text(),
    raisedAt: p.datetime(),
    resolvedAt: p.datetime().nullable(),
  },
});
export type MonitoringAlert = InferEntity<typeof MonitoringAlert>;

export const MonitoringSettingsRecord = defineEntity({
  name: 'MonitoringSettingsRecord',
  tableName: 'monitoring_settings',
  properties: {
    networkId: p.uuid().primary(),
    /** null: the provisioned genesis' block period (or 2 s). */
    blockPeriodSeconds: p.integer().nullable(),
    noBlockPeriods: p.integer(),
    minPeers: p.integer(),
    maxLagBlocks: p.integer(),
    webhookUrls: p.json<string[]>(),
    updatedAt: p.datetime(),
  },
});
export type MonitoringSettingsRecord = InferEntity<typeof MonitoringSettingsRecord>;

export const AlertWebhookDelivery = defineEntity({
  name: 'AlertWebhookDelivery',
  tableName: 'alert_webhook_delivery',
  indexes: [{ properties: ['deliveredAt', 'nextAttemptAt'] }],
  properties: {
    id: p.uuid().primary(),
    networkId: p.uuid(),
    url: p.string().length(2048),
    body: p.json<Record<string, unknown>>(),
    attempts: p.integer(),
    nextAttemptAt: p.datetime().nullable(),
    deliveredAt: p.datetime().nullable(),
    lastError: p.text().nullable(),
    createdAt: p.datetime(),
  },
});
export type AlertWebhookDelivery = InferEntity<typeof AlertWebhookDelivery>;

export const MONITORING_ENTITIES = [
  NodeHealthRecord,
  MonitoringAlert,
  MonitoringSettingsRecord,
  AlertWebhookDelivery,
];

export function toAlertDto(alert: MonitoringAlert): AlertDto {
  return {
    id: alert.id,
    networkId: alert.networkId,
    kind: alert.kind,
    subject: alert.subject,
    nodeId: alert.nodeId ?? null,
    status: alert.status,
    detail: alert.detail,
    raisedAt: alert.raisedAt.toISOString(),
    resolvedAt: alert.resolvedAt?.toISOString() ?? null,
  };
}

/** Thresholds in force for a network: its stored settings or the defaults. */
export interface EffectiveSettings {
  blockPeriodSeconds: number;
  noBlockPeriods: number;
  minPeers: number;
  maxLagBlocks: number;
  webhookUrls: string[];
}

export const DEFAULT_BLOCK_PERIOD_SECONDS = 2;

export function effectiveSettings(
  record: MonitoringSettingsRecord | null,
  provisionedBlockPeriod: number | undefined,
): EffectiveSettings {
  return {
    blockPeriodSeconds:
      record?.blockPeriodSeconds ?? provisionedBlockPeriod ?? DEFAULT_BLOCK_PERIOD_SECONDS,
    noBlockPeriods: record?.noBlockPeriods ?? 3,
    minPeers: record?.minPeers ?? 1,
    maxLagBlocks: record?.maxLagBlocks ?? 10,
    webhookUrls: record?.webhookUrls ?? [],
  };
}

export function toSettingsDto(
  networkId: string,
  settings: EffectiveSettings,
  updatedAt: Date | null,
): MonitoringSettingsDto {
  return {
    id: networkId,
    networkId,
    ...settings,
    updatedAt: updatedAt?.toISOString() ?? null,
  };
}
