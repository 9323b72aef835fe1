/**
 * Node monitoring: what platform-mgmt observes of each node over JSON-RPC, the per-network
 * alert thresholds and webhooks, and the alerts it raises and resolves.
 */
import { z } from 'zod';
import { pageRequestSchema, pageSchema } from '../../pagination';

export const ALERT_KINDS = [
  'no-new-blocks',
  'peers-below-minimum',
  'node-lagging',
  'node-unreachable',
  'transaction-stuck',
] as const;
export const alertKindSchema = z.enum(ALERT_KINDS);
export type AlertKind = z.infer<typeof alertKindSchema>;

/** True unless the URL names a user or password (a malformed URL is the url check's to refuse). */
function withoutCredentials(value: string): boolean {
  if (!URL.canParse(value)) return true;
  const url = new URL(value);
  return !url.username && !url.password;
}

export const alertWebhookUrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .max(2048)
  .refine(withoutCredentials, { error: 'must not carry credentials' });

export const monitoringSettingsBodySchema = z
  .object({
    /** Expected block period; default: the provisioned genesis' block period, else 2 s. */
    blockPeriodSeconds: z.int().min(1).max(600).optional(),
    /** Alert when no block was produced for this many block periods. */
    noBlockPeriods: z.int().min(1).max(1_000).default(3),
    /** Alert when a node has fewer peers than this (nodes that do not report peers are skipped). */
    minPeers: z.int().min(0).max(1_000).default(1),
    /** Alert when a node is more than this many blocks behind the network head. */
    maxLagBlocks: z.int().min(1).max(1_000_000).default(10),
    /** Every alert raised or resolved on the network is POSTed (JSON) to each of these URLs. */
    webhookUrls: z
      .array(alertWebhookUrlSchema)
      .max(10)
      .default([])
      .refine((urls) => new Set(urls).size === urls.length, { error: 'a URL is listed twice' }),
  })
  .strict();
export type MonitoringSettingsBody = z.infer<typeof monitoringSettingsBodySchema>;

/** Command payload of `configure-monitoring.v1`. */
export const configureMonitoringSchema = z.object({
  networkId: z.uuid(),
  settings: monitoringSettingsBodySchema,
});
export type ConfigureMonitoring = z.infer<typeof configureMonitoringSchema>;

export const monitoringSettingsSchema = z.object({
  /** The network id (one settings resource per network). */
  id: z.uuid(),
  networkId: z.uuid(),
  blockPeriodSeconds: z.int(),
  noBlockPeriods: z.int(),
  minPeers: z.int(),
  maxLagBlocks: z.int(),
  webhookUrls: z.array(z.string()),
  updatedAt: z.iso.datetime().nullable(),
});
export type MonitoringSettings = z.infer<typeof monitoringSettingsSchema>;

export const nodeHealthSchema = z.object({
  nodeId: z.uuid(),
  networkId: z.uuid(),
  name: z.string(),
  reachable: z.boolean(),
  blockNumber: z.int().nullable(),
  /** null when the node does not report peers (`net_peerCount` unsupported). */
  peerCount: z.int().nullable(),
  syncing: z.boolean().nullable(),
  /** Blocks behind the highest block any node of the network reported. */
  lagBlocks: z.int().nullable(),
  lastBlockAt: z.iso.datetime().nullable(),
  secondsSinceLastBlock: z.number().nullable(),
  error: z.string().nullable(),
  observedAt: z.iso.datetime(),
});
export type NodeHealth = z.infer<typeof nodeHealthSchema>;

export const networkHealthSchema = z.object({
  networkId: z.uuid(),
  headBlock: z.int().nullable(),
  lastBlockAt: z.iso.datetime().nullable(),
  secondsSinceLastBlock: z.number().nullable(),
  openAlerts: z.int(),
  nodes: z.array(nodeHealthSchema),
});
export type NetworkHealth = z.infer<typeof networkHealthSchema>;

export const alertSchema = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  kind: alertKindSchema,
  /** What the alert is about: a node id, a transaction id, or the network id. */
  subject: z.string(),
  nodeId: z.uuid().nullable(),
  status: z.enum(['open', 'resolved']),
  detail: z.string(),
  raisedAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
});
export type Alert = z.infer<typeof alertSchema>;
export const alertPageSchema = pageSchema(alertSchema);

export const listAlertsQuerySchema = pageRequestSchema
  .extend({
    status: z.enum(['open', 'resolved']).optional(),
    kind: alertKindSchema.optional(),
  })
  .strict();
export type ListAlertsQuery = z.infer<typeof listAlertsQuerySchema>;

export const monitoringQuerySchema = z.discriminatedUnion('query', [
  z.object({ query: z.literal('get-network-health'), networkId: z.uuid() }),
  z.object({ query: z.literal('get-node-health'), networkId: z.uuid(), nodeId: z.uuid() }),
  z.object({ query: z.literal('get-monitoring-settings'), networkId: z.uuid() }),
  z.object({
    query: z.literal('list-alerts'),
    networkId: z.uuid(),
    params: listAlertsQuerySchema,
  }),
]);
export type MonitoringQuery = z.infer<typeof monitoringQuerySchema>;
