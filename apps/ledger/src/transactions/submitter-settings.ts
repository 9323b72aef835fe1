/** Timing and bounds of the submitter/confirmation loop (from the ledger's configuration). */
import type { GasSettings } from '../gas/gas-policy';

export interface SubmitterSettings {
  pollIntervalMs: number;
  /** Confirmations before a mined transaction is `confirmed` (1 = its own block). */
  confirmations: number;
  /** A submitted transaction not mined after this long is re-sent with a higher fee. */
  feeBumpAfterMs: number;
  /** Signing/broadcast attempts (including fee bumps) before the transaction is `stuck`. */
  maxAttempts: number;
  gas: GasSettings;
}

export const SUBMITTER_SETTINGS = Symbol('SUBMITTER_SETTINGS');
