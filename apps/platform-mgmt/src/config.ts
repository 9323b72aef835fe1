/** platform-mgmt's configuration (environment variables). */
import { z } from 'zod';
import { baseConfigSchema, loadConfig } from '@strata/config';

export const platformMgmtConfigSchema = baseConfigSchema({ port: 3101 }).extend({
  /** How long a network read waits for the ledger's live chain status. */
  STRATA_CHAIN_STATUS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  /**
   * Secret the provisioned Besu node keys are encrypted under (AES-256-GCM). The default is for
   * local development only: set a long random value in every deployment.
   */
  STRATA_NODE_KEY_SECRET: z.string().min(16).default('strata-local-development-node-key-secret'),
});
export type PlatformMgmtConfig = z.infer<typeof platformMgmtConfigSchema>;

export const loadPlatformMgmtConfig = (env: NodeJS.ProcessEnv = process.env): PlatformMgmtConfig =>
  loadConfig(platformMgmtConfigSchema, env);
