/** The ledger's configuration (environment variables). */
import { z } from 'zod';
import { baseConfigSchema, loadConfig } from '@strata/config';

export const ledgerConfigSchema = baseConfigSchema({ port: 3102 }).extend({
  /** Bound on every JSON-RPC call to a node. */
  STRATA_CHAIN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
});
export type LedgerConfig = z.infer<typeof ledgerConfigSchema>;

export const loadLedgerConfig = (env: NodeJS.ProcessEnv = process.env): LedgerConfig =>
  loadConfig(ledgerConfigSchema, env);
