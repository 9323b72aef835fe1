/** platform-mgmt's configuration (environment variables). */
import { z } from 'zod';
import { baseConfigSchema, loadConfig } from '@strata/config';

export const platformMgmtConfigSchema = baseConfigSchema({ port: 3101 }).extend({
  /** How long a network read waits for the ledger's live chain status. */
  STRATA_CHAIN_STATUS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
});
export type PlatformMgmtConfig = z.infer<typeof platformMgmtConfigSchema>;

export const loadPlatformMgmtConfig = (env: NodeJS.ProcessEnv = process.env): PlatformMgmtConfig =>
  loadConfig(platformMgmtConfigSchema, env);
