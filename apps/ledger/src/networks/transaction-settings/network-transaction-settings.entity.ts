/**
 * A network's own transaction-manager settings (ADR-free: plain overrides). Null columns keep
 * the ledger-wide value from the environment.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { Actor } from '@strata/contracts';

export const NetworkTransactionSettings = defineEntity({
  name: 'NetworkTransactionSettings',
  tableName: 'network_transaction_settings',
  properties: {
    networkId: p.uuid().primary(),
    confirmations: p.integer().nullable(),
    feeCapWei: p.string().length(80).nullable(),
    feeBumpAfterMs: p.integer().nullable(),
    maxAttempts: p.integer().nullable(),
    updatedBy: p.json<Actor>(),
    updatedAt: p.datetime(),
  },
});
export type NetworkTransactionSettings = InferEntity<typeof NetworkTransactionSettings>;
