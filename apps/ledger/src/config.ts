/** The ledger's configuration (environment variables). */
import { z } from 'zod';
import { baseConfigSchema, loadConfig } from '@strata/config';
import { keyVaultConfigShape } from '@strata/key-custody';
import { allowedPrivateCidrsSetting } from '@strata/runtime';

export const ledgerConfigSchema = baseConfigSchema({ port: 3102 }).extend({
  /** Bound on every JSON-RPC call to a node. */
  STRATA_CHAIN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  /** How often the transaction submitter looks for work when idle. */
  STRATA_LEDGER_SUBMITTER_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(200),
  /** Blocks (including its own) before a mined transaction is confirmed. */
  STRATA_LEDGER_CONFIRMATIONS: z.coerce.number().int().min(1).max(1000).default(1),
  /** A transaction not mined after this long is re-sent at the same nonce with a higher fee. */
  STRATA_LEDGER_FEE_BUMP_AFTER_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** Signing/broadcast attempts (fee bumps included) before a transaction is marked stuck. */
  STRATA_LEDGER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(6),
  /** Event sync: the periodic pass over all listeners (new heads also start a pass). */
  STRATA_EVENT_SYNC_POLL_MS: z.coerce.number().int().min(10).max(3_600_000).default(250),
  /** Event sync: the eth_blockNumber poll of a node that offers no newHeads WebSocket. */
  STRATA_EVENT_SYNC_HEAD_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(500),
  /** Replay horizon of the event streams' log (older events every stream delivered are pruned). */
  STRATA_STREAM_LOG_RETENTION_HOURS: z.coerce.number().int().min(1).max(87_600).default(168),
  /**
   * Private address ranges webhooks may still be sent to (comma-separated CIDRs; by default only
   * public unicast addresses: webhook-targets.ts).
   */
  STRATA_WEBHOOK_ALLOWED_PRIVATE_CIDRS: allowedPrivateCidrsSetting,
  ...keyVaultConfigShape,
});
export type LedgerConfig = z.infer<typeof ledgerConfigSchema>;

export const loadLedgerConfig = (env: NodeJS.ProcessEnv = process.env): LedgerConfig =>
  loadConfig(ledgerConfigSchema, env);
