/**
 * QBFT network provisioning: the parameters of the genesis and the nodes each member institution
 * runs; the stored plan (public data only) and the per-institution bundle of files.
 */
import { z } from 'zod';
import { nodeSchema } from './nodes';

export const addressSchema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, { error: 'must be a 0x-prefixed 20-byte hex address' });

export const networkParametersSchema = z
  .object({
    chainId: z.int().min(1).max(4_294_967_295),
    blockPeriodSeconds: z.int().min(1).max(600).default(2),
    epochLength: z.int().min(1).max(1_000_000_000).default(30_000),
    requestTimeoutSeconds: z.int().min(1).max(3_600).default(4),
    gasLimit: z.int().min(21_000).max(Number.MAX_SAFE_INTEGER).default(0x1fffffffffffff),
    /** Zero base fee and a zero minimum gas price: transactions cost nothing. */
    freeGas: z.boolean().default(true),
    prefundedAccounts: z
      .array(
        z
          .object({
            address: addressSchema,
            balanceWei: z
              .string()
              .regex(/^\d{1,78}$/, { error: 'must be a decimal amount of wei' }),
          })
          .strict(),
      )
      .max(200)
      .default([]),
    /** Approvals a governance proposal needs; default: more than half of the validator-owning institutions. */
    governanceThreshold: z.int().min(1).max(100).optional(),
  })
  .strict();
export type NetworkParameters = z.infer<typeof networkParametersSchema>;

export const institutionNodesSchema = z
  .object({
    organisationId: z.uuid(),
    validators: z.int().min(0).max(16).default(0),
    bootnodes: z.int().min(0).max(4).default(0),
    members: z.int().min(0).max(16).default(0),
    rpc: z.int().min(0).max(4).default(0),
  })
  .strict();
export type InstitutionNodes = z.infer<typeof institutionNodesSchema>;

export const provisionNetworkBodySchema = z
  .object({
    parameters: networkParametersSchema,
    institutions: z.array(institutionNodesSchema).min(1).max(100),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.institutions.every((institution) => institution.validators === 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['institutions'],
        message: 'a QBFT network needs at least one validator',
      });
    }
    const ids = body.institutions.map((institution) => institution.organisationId);
    if (new Set(ids).size !== ids.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['institutions'],
        message: 'an institution is listed twice',
      });
    }
  });
export type ProvisionNetworkBody = z.infer<typeof provisionNetworkBodySchema>;

/** Command payload of `strata.platform-mgmt.provision-network.v1`. */
export const provisionNetworkSchema = z.object({
  networkId: z.uuid(),
  plan: provisionNetworkBodySchema,
});
export type ProvisionNetwork = z.infer<typeof provisionNetworkSchema>;

/** An approved parameter change, in force from `block` on (see docs/qbft.md). */
export const parameterTransitionSchema = z.object({
  proposalId: z.uuid(),
  block: z.int().min(0),
  blockPeriodSeconds: z.int().optional(),
  requestTimeoutSeconds: z.int().optional(),
  gasLimit: z.int().optional(),
});
export type ParameterTransition = z.infer<typeof parameterTransitionSchema>;

/** A stored provisioning plan (id = network id); also the `network-provisioned.v1` event. */
export const provisioningPlanSchema = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  parameters: networkParametersSchema,
  genesisExtraData: z.string(),
  validators: z.array(z.string()),
  nodes: z.array(nodeSchema),
  /** Approved parameter changes scheduled as Besu transitions, oldest first. */
  transitions: z.array(parameterTransitionSchema).default([]),
  createdAt: z.iso.datetime(),
});
export type ProvisioningPlan = z.infer<typeof provisioningPlanSchema>;

export const bundleFileSchema = z.object({
  path: z.string(),
  content: z.string(),
  /** True for private keys: store with restricted permissions, never commit. */
  secret: z.boolean(),
});
export type BundleFile = z.infer<typeof bundleFileSchema>;

/** What one institution downloads: its own node keys and the shared network files. */
export const provisioningBundleSchema = z.object({
  networkId: z.uuid(),
  organisationId: z.uuid(),
  besuImage: z.string(),
  files: z.array(bundleFileSchema),
});
export type ProvisioningBundle = z.infer<typeof provisioningBundleSchema>;
