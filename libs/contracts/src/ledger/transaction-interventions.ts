/**
 * Interventions on a pending or stuck transaction (replacement at the same nonce): a speed-up
 * (the same transaction re-signed with a higher fee) and a four-eyes cancellation (a 0-value
 * self-transfer at the same nonce, signed only after a second institution admin approves).
 */
import { z } from 'zod';

export const TransactionInterventionTopics = {
  speedUpTransaction: 'strata.ledger.speed-up-transaction.v1',
  requestTransactionCancel: 'strata.ledger.request-transaction-cancel.v1',
  approveTransactionCancel: 'strata.ledger.approve-transaction-cancel.v1',
  /** Audit events (outbox): who asked for what, on which transaction. */
  transactionSpedUp: 'strata.ledger.transaction-sped-up.v1',
  transactionCancelRequested: 'strata.ledger.transaction-cancel-requested.v1',
  transactionCancelApproved: 'strata.ledger.transaction-cancel-approved.v1',
} as const;

export const CANCELLATION_STATUSES = ['requested', 'approved'] as const;

/** The request bodies: nothing to choose yet, but an object so fields can be added. */
export const speedUpTransactionSchema = z
  .object({ reason: z.string().trim().min(1).max(500).optional() })
  .strict();
export type SpeedUpTransaction = z.infer<typeof speedUpTransactionSchema>;

export const requestTransactionCancelSchema = z
  .object({ reason: z.string().trim().min(1).max(500) })
  .strict();
export type RequestTransactionCancel = z.infer<typeof requestTransactionCancelSchema>;

/** The approver may say why (kept in the audit event). */
export const approveTransactionCancelSchema = z
  .object({ comment: z.string().trim().min(1).max(500).optional() })
  .strict();
export type ApproveTransactionCancel = z.infer<typeof approveTransactionCancelSchema>;

const target = { networkId: z.uuid(), transactionId: z.uuid() };

export const speedUpTransactionCommandSchema = z.object({
  ...target,
  request: speedUpTransactionSchema,
});
export type SpeedUpTransactionCommand = z.infer<typeof speedUpTransactionCommandSchema>;

export const requestTransactionCancelCommandSchema = z.object({
  ...target,
  request: requestTransactionCancelSchema,
});
export type RequestTransactionCancelCommand = z.infer<typeof requestTransactionCancelCommandSchema>;

export const approveTransactionCancelCommandSchema = z.object({
  ...target,
  request: approveTransactionCancelSchema,
});
export type ApproveTransactionCancelCommand = z.infer<typeof approveTransactionCancelCommandSchema>;

/** A cancellation of a transaction: who asked, why, and who approved (four eyes). */
export const transactionCancellationSchema = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  transactionId: z.uuid(),
  organisationId: z.uuid(),
  status: z.enum(CANCELLATION_STATUSES),
  reason: z.string(),
  requestedBy: z.string(),
  requestedAt: z.iso.datetime(),
  approvedBy: z.string().nullable(),
  approvedAt: z.iso.datetime().nullable(),
});
export type TransactionCancellation = z.infer<typeof transactionCancellationSchema>;

/**
 * Per-network overrides of the transaction manager's ledger-wide settings (confirmations, fee
 * cap, fee-bump timeout, attempts). An omitted field keeps the ledger-wide value.
 */
export const networkTransactionSettingsSchema = z
  .object({
    confirmations: z.number().int().min(1).max(1000).optional(),
    /** Highest fee per gas ever offered on this network (wei, decimal string). */
    feeCapWei: z
      .string()
      .regex(/^\d{1,30}$/, { error: 'must be a decimal integer string (wei)' })
      .optional(),
    feeBumpAfterMs: z.number().int().min(100).max(3_600_000).optional(),
    maxAttempts: z.number().int().min(1).max(100).optional(),
  })
  .strict();
export type NetworkTransactionSettingsRequest = z.infer<typeof networkTransactionSettingsSchema>;

export const NetworkTransactionSettingsTopics = {
  setNetworkTransactionSettings: 'strata.ledger.set-network-transaction-settings.v1',
  networkTransactionSettingsChanged: 'strata.ledger.network-transaction-settings-changed.v1',
} as const;

export const setNetworkTransactionSettingsCommandSchema = z.object({
  networkId: z.uuid(),
  settings: networkTransactionSettingsSchema,
});
export type SetNetworkTransactionSettingsCommand = z.infer<
  typeof setNetworkTransactionSettingsCommandSchema
>;

/** The settings in force on a network (overrides merged with the ledger-wide values). */
export const effectiveTransactionSettingsSchema = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  confirmations: z.number().int(),
  feeCapWei: z.string(),
  feeBumpAfterMs: z.number().int(),
  maxAttempts: z.number().int(),
  /** Which of them are this network's own (the rest are ledger-wide defaults). */
  overridden: z.array(z.enum(['confirmations', 'feeCapWei', 'feeBumpAfterMs', 'maxAttempts'])),
});
export type EffectiveTransactionSettings = z.infer<typeof effectiveTransactionSettingsSchema>;
