/**
 * Organisation master accounts on the bus (ADR 0008): deploying an organisation's M-of-N
 * multisig through the transaction manager, submitting actions its owners signed off chain
 * (authorise, freeze, replace an operational account; change owners), and the events that
 * record each step.
 */
import { z } from 'zod';
import { evmAddressSchema } from './transactions';

export const MasterAccountTopics = {
  deployMasterAccount: 'strata.ledger.deploy-master-account.v1',
  submitMasterAccountAction: 'strata.ledger.submit-master-account-action.v1',
  /** The deployment transaction was accepted by the transaction manager. */
  masterAccountDeploymentRequested: 'strata.ledger.master-account-deployment-requested.v1',
  /** The deployment is confirmed on chain; the event carries the contract address. */
  masterAccountDeployed: 'strata.ledger.master-account-deployed.v1',
  /** The deployment transaction failed; a new deployment may be requested. */
  masterAccountDeploymentFailed: 'strata.ledger.master-account-deployment-failed.v1',
  /** An owner-signed action was checked off chain and handed to the transaction manager. */
  masterAccountActionSubmitted: 'strata.ledger.master-account-action-submitted.v1',
  /** An action is confirmed on chain (or failed). */
  masterAccountActionSettled: 'strata.ledger.master-account-action-settled.v1',
  queries: 'strata.ledger.master-account-queries.v1',
} as const;

export const MAX_MASTER_ACCOUNT_OWNERS = 32;

/** Unsigned 256-bit integer as a decimal string (nonces, deadlines in Unix seconds). */
export const uint256Schema = z
  .string()
  .regex(/^\d{1,78}$/, { error: 'must be a decimal integer string' })
  .refine((v) => BigInt(v) < 2n ** 256n, { error: 'must be below 2^256' });

/** A 65-byte ECDSA signature (r ‖ s ‖ v), 0x-prefixed hex. */
export const ownerSignatureSchema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{130}$/, { error: 'must be a 65-byte 0x-prefixed hex signature' });

const ownersSchema = z
  .array(evmAddressSchema)
  .min(1)
  .max(MAX_MASTER_ACCOUNT_OWNERS)
  .refine((owners) => new Set(owners.map((o) => o.toLowerCase())).size === owners.length, {
    error: 'owners must be distinct',
  });

export const deployMasterAccountSchema = z
  .object({
    /** The organisation's signing account that pays for and sends the deployment. */
    from: evmAddressSchema,
    owners: ownersSchema,
    threshold: z.number().int().min(1).max(MAX_MASTER_ACCOUNT_OWNERS),
  })
  .strict()
  .refine((d) => d.threshold <= d.owners.length, {
    error: 'threshold must not exceed the number of owners',
    path: ['threshold'],
  });
export type DeployMasterAccount = z.infer<typeof deployMasterAccountSchema>;

export const deployMasterAccountCommandSchema = z.object({
  networkId: z.uuid(),
  masterAccount: deployMasterAccountSchema,
});
export type DeployMasterAccountCommand = z.infer<typeof deployMasterAccountCommandSchema>;

const actionBase = { nonce: uint256Schema, deadline: uint256Schema };
/**
 * Variants with more required fields come first: the generated SDK serialises a union value
 * with the first variant whose required fields it has, so a replace-account placed after
 * authorise-account would lose its `replacement`.
 */
export const masterAccountActionSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('replace-account'),
      account: evmAddressSchema,
      replacement: evmAddressSchema,
      ...actionBase,
    })
    .strict(),
  z
    .object({
      kind: z.literal('change-owners'),
      owners: ownersSchema,
      threshold: z.number().int().min(1).max(MAX_MASTER_ACCOUNT_OWNERS),
      ...actionBase,
    })
    .strict(),
  z
    .object({ kind: z.literal('authorise-account'), account: evmAddressSchema, ...actionBase })
    .strict(),
  z
    .object({ kind: z.literal('freeze-account'), account: evmAddressSchema, ...actionBase })
    .strict(),
]);
export type MasterAccountActionRequest = z.infer<typeof masterAccountActionSchema>;

export const submitMasterAccountActionSchema = z
  .object({
    /** The organisation's signing account that sends the transaction (it signs nothing else). */
    from: evmAddressSchema,
    action: masterAccountActionSchema,
    signatures: z.array(ownerSignatureSchema).min(1).max(MAX_MASTER_ACCOUNT_OWNERS),
  })
  .strict();
export type SubmitMasterAccountAction = z.infer<typeof submitMasterAccountActionSchema>;

export const submitMasterAccountActionCommandSchema = z.object({
  networkId: z.uuid(),
  submission: submitMasterAccountActionSchema,
});
export type SubmitMasterAccountActionCommand = z.infer<
  typeof submitMasterAccountActionCommandSchema
>;

export const MASTER_ACCOUNT_STATUSES = ['deploying', 'deployed', 'failed'] as const;
export const masterAccountSchema = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  organisationId: z.uuid(),
  status: z.enum(MASTER_ACCOUNT_STATUSES),
  address: evmAddressSchema.nullable(),
  owners: z.array(evmAddressSchema),
  threshold: z.number().int(),
  deploymentTransactionId: z.uuid(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type MasterAccount = z.infer<typeof masterAccountSchema>;

export const MASTER_ACCOUNT_ACTION_STATUSES = ['submitted', 'confirmed', 'failed'] as const;
export const masterAccountActionRecordSchema = z.object({
  id: z.uuid(),
  masterAccountId: z.uuid(),
  networkId: z.uuid(),
  organisationId: z.uuid(),
  action: masterAccountActionSchema,
  /** Owners whose signatures were checked off chain, in the order the contract wants. */
  signers: z.array(evmAddressSchema),
  transactionId: z.uuid(),
  status: z.enum(MASTER_ACCOUNT_ACTION_STATUSES),
  failureReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type MasterAccountActionRecord = z.infer<typeof masterAccountActionRecordSchema>;

export const masterAccountQuerySchema = z.discriminatedUnion('query', [
  z.object({ query: z.literal('get-master-account'), networkId: z.uuid() }),
  z.object({ query: z.literal('get-master-account-action'), networkId: z.uuid(), id: z.uuid() }),
]);
export type MasterAccountQuery = z.infer<typeof masterAccountQuerySchema>;
