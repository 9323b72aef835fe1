/** platform-mgmt's configuration (environment variables). */
import { z } from 'zod';
import { allowedPrivateCidrsSetting } from '@strata/runtime';
import { baseConfigSchema, loadConfig } from '@strata/config';

export const platformMgmtConfigSchema = baseConfigSchema({ port: 3101 }).extend({
  /** How long a network read waits for the ledger's live chain status. */
  STRATA_CHAIN_STATUS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  /**
   * Secret the provisioned Besu node keys are encrypted under (AES-256-GCM). The default is for
   * local development only: set a long random value in every deployment.
   */
  STRATA_NODE_KEY_SECRET: z.string().min(16).default('strata-local-development-node-key-secret'),
  /** The audit log anchors new entries once the oldest of them is this old (docs/audit-log.md). */
  STRATA_AUDIT_ANCHOR_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .max(86_400_000)
    .default(30_000),
  /** ...or as soon as this many entries wait; also the most one anchor covers. */
  STRATA_AUDIT_ANCHOR_MAX_ENTRIES: z.coerce.number().int().min(1).max(100_000).default(1000),
  /** How often every node with a JSON-RPC URL is polled for monitoring and alerts. */
  STRATA_MONITORING_INTERVAL_MS: z.coerce.number().int().min(200).max(600_000).default(2000),
  /** How long one monitoring JSON-RPC call to a node may take. */
  STRATA_MONITORING_PROBE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  /** Private address ranges alert webhooks may still be sent to (see @strata/runtime WebhookTargets). */
  STRATA_WEBHOOK_ALLOWED_PRIVATE_CIDRS: allowedPrivateCidrsSetting,
});
export type PlatformMgmtConfig = z.infer<typeof platformMgmtConfigSchema>;

export const loadPlatformMgmtConfig = (env: NodeJS.ProcessEnv = process.env): PlatformMgmtConfig =>
  loadConfig(platformMgmtConfigSchema, env);
