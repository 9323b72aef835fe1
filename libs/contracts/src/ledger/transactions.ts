/**
 * The ledger's transaction manager on the bus: signing accounts of an organisation on a network,
 * transactions (value transfer, contract call, deployment) and the events of their lifecycle
 * `strata.ledger.transaction-<status>.v1`.
 */
import { z } from 'zod';
import { pageRequestSchema, pageSchema } from '../pagination';
import { CANCELLATION_STATUSES } from './transaction-interventions';

export const TRANSACTION_STATUSES = [
  'accepted',
  'signed',
  'submitted',
  'mined',
  'confirmed',
  'failed',
  'replaced',
  'cancelled',
  'stuck',
] as const;
export const transactionStatusSchema = z.enum(TRANSACTION_STATUSES);
export type TransactionStatus = z.infer<typeof transactionStatusSchema>;

export const LedgerTransactionTopics = {
  createSigningAccount: 'strata.ledger.create-signing-account.v1',
  signingAccountCreated: 'strata.ledger.signing-account-created.v1',
  submitTransaction: 'strata.ledger.submit-transaction.v1',
  /** Reads of accounts and transactions (request/reply). */
  queries: 'strata.ledger.transaction-queries.v1',
  /** An alert for operators: a transaction exhausted its retries. */
  transactionAlert: 'strata.ledger.transaction-alert.v1',
  transitioned: (status: TransactionStatus): string => `strata.ledger.transaction-${status}.v1`,
} as const;

export const evmAddressSchema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, { error: 'must be a 0x-prefixed 20-byte hex address' });
export const hexDataSchema = z
  .string()
  .max(2 + 2 * 24_576, { error: 'must be at most 24 KiB' })
  .regex(/^0x([0-9a-fA-F]{2})*$/, { error: 'must be 0x-prefixed hex bytes' });
/** Wei as a decimal string (no float rounding). */
export const weiSchema = z
  .string()
  .regex(/^\d{1,78}$/, { error: 'must be a decimal integer string (wei)' });

/** A JSON ABI: fragments are checked by the ledger with ethers (malformed -> 400). */
const abiSchema = z.array(z.record(z.string(), z.unknown())).min(1).max(500);
const argsSchema = z.array(z.unknown()).max(64);

const base = {
  /** Address of one of the caller organisation's signing accounts on this network. */
  from: evmAddressSchema,
  gasLimit: weiSchema.optional(),
};

export const submitTransactionSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('transfer'), ...base, to: evmAddressSchema, value: weiSchema })
    .strict(),
  z
    .object({
      kind: z.literal('call'),
      ...base,
      to: evmAddressSchema,
      value: weiSchema.optional(),
      abi: abiSchema.optional(),
      method: z.string().min(1).max(200).optional(),
      args: argsSchema.optional(),
      data: hexDataSchema.optional(),
    })
    .strict()
    .refine((call) => (call.data !== undefined) !== (call.method !== undefined && !!call.abi), {
      error: 'give either abi + method (+ args) or raw data',
    }),
  z
    .object({
      kind: z.literal('deploy'),
      ...base,
      bytecode: hexDataSchema,
      value: weiSchema.optional(),
      abi: abiSchema.optional(),
      args: argsSchema.optional(),
    })
    .strict(),
]);
export type SubmitTransaction = z.infer<typeof submitTransactionSchema>;

/** Command payload of `submit-transaction.v1`. */
export const submitTransactionCommandSchema = z.object({
  networkId: z.uuid(),
  transaction: submitTransactionSchema,
});
export type SubmitTransactionCommand = z.infer<typeof submitTransactionCommandSchema>;

export const createSigningAccountSchema = z
  .object({
    label: z.string().trim().min(1).max(100),
    /** Platform administrators name the organisation; institution admins get their own. */
    organisationId: z.uuid().optional(),
  })
  .strict();
export type CreateSigningAccount = z.infer<typeof createSigningAccountSchema>;

export const createSigningAccountCommandSchema = z.object({
  networkId: z.uuid(),
  account: createSigningAccountSchema,
});
export type CreateSigningAccountCommand = z.infer<typeof createSigningAccountCommandSchema>;

export const signingAccountSchema = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  organisationId: z.uuid(),
  label: z.string(),
  address: evmAddressSchema,
  createdAt: z.iso.datetime(),
});
export type SigningAccount = z.infer<typeof signingAccountSchema>;
export const signingAccountPageSchema = pageSchema(signingAccountSchema);

/**
 * The cancellation asked for on a transaction, as its GET and list show it: `requested` waits for
 * a second institution admin's approval, `approved` has its replacement signed.
 */
export const transactionCancellationStateSchema = z.object({
  status: z.enum(CANCELLATION_STATUSES),
  requestedBy: z.string(),
  requestedAt: z.iso.datetime(),
  approvedBy: z.string().nullable(),
  approvedAt: z.iso.datetime().nullable(),
});
export type TransactionCancellationState = z.infer<typeof transactionCancellationStateSchema>;

export const transactionSchema = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  organisationId: z.uuid(),
  kind: z.enum(['transfer', 'call', 'deploy']),
  from: evmAddressSchema,
  to: evmAddressSchema.nullable(),
  value: weiSchema,
  /** Null when the nonce was released (failed before signing, e.g. a frozen account). */
  nonce: z.number().int().min(0).nullable(),
  gasLimit: weiSchema,
  status: transactionStatusSchema,
  hash: z.string().nullable(),
  attempts: z.number().int().min(0),
  blockNumber: z.number().int().min(0).nullable(),
  contractAddress: evmAddressSchema.nullable(),
  /** Why it failed: the decoded revert reason or custom error when known. */
  failureReason: z.string().nullable(),
  /**
   * The cancellation asked for, or null when none was. Given by GET and list; the status events
   * leave it out.
   */
  cancellation: transactionCancellationStateSchema.nullable().optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type LedgerTransaction = z.infer<typeof transactionSchema>;
export const transactionPageSchema = pageSchema(transactionSchema);

export const listTransactionsQuerySchema = pageRequestSchema
  .extend({
    status: transactionStatusSchema.optional(),
    from: evmAddressSchema.optional(),
    createdAfter: z.iso.datetime().optional(),
    createdBefore: z.iso.datetime().optional(),
    /**
     * Only those changed at or after this instant, and the page ordered by `updatedAt` ascending
     * (oldest change first) instead of newest-created first: a change feed, which the status
     * stream uses to catch a reconnecting client up.
     */
    updatedAfter: z.iso.datetime().optional(),
  })
  .strict();
export type ListTransactionsQuery = z.infer<typeof listTransactionsQuerySchema>;

export const listSigningAccountsQuerySchema = pageRequestSchema.strict();

export const transactionQuerySchema = z.discriminatedUnion('query', [
  z.object({
    query: z.literal('list-signing-accounts'),
    networkId: z.uuid(),
    params: listSigningAccountsQuerySchema,
  }),
  z.object({ query: z.literal('get-transaction'), networkId: z.uuid(), id: z.uuid() }),
  z.object({
    query: z.literal('list-transactions'),
    networkId: z.uuid(),
    params: listTransactionsQuerySchema,
  }),
  /** The confirmations, fee cap, fee-bump timeout and attempts in force on the network. */
  z.object({ query: z.literal('get-transaction-settings'), networkId: z.uuid() }),
]);
export type TransactionQuery = z.infer<typeof transactionQuerySchema>;
