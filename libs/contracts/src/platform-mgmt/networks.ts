/** Networks registry: a consortium's chain, its member organisations and its RPC endpoint. */
import { z } from 'zod';
import { pageRequestSchema, pageSchema } from '../pagination';

export const rpcUrlSchema = z
  .url({ protocol: /^(https?|wss?)$/, error: 'must be an http(s) or ws(s) URL' })
  .max(2048);

export const registerNetworkSchema = z
  .object({
    name: z.string().trim().min(2).max(200),
    description: z.string().trim().max(2000).optional(),
    memberOrganisationIds: z.array(z.uuid()).min(1).max(500),
    rpcUrl: rpcUrlSchema,
  })
  .strict();
export type RegisterNetwork = z.infer<typeof registerNetworkSchema>;

export const chainStatusSchema = z.discriminatedUnion('reachable', [
  z.object({
    reachable: z.literal(true),
    chainId: z.string().regex(/^\d+$/),
    latestBlock: z.object({
      number: z.number().int().min(0),
      hash: z.string(),
      timestamp: z.iso.datetime(),
    }),
    observedAt: z.iso.datetime(),
  }),
  z.object({
    reachable: z.literal(false),
    reason: z.string(),
    observedAt: z.iso.datetime(),
  }),
]);
export type ChainStatus = z.infer<typeof chainStatusSchema>;

export const networkSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  memberOrganisationIds: z.array(z.uuid()),
  rpcUrl: z.string(),
  createdAt: z.iso.datetime(),
});
export type Network = z.infer<typeof networkSchema>;

/** A network with what the ledger observes of its chain right now. */
export const networkDetailSchema = networkSchema.extend({ chain: chainStatusSchema });
export type NetworkDetail = z.infer<typeof networkDetailSchema>;

export const networkPageSchema = pageSchema(networkSchema);

export const listNetworksQuerySchema = pageRequestSchema
  .extend({
    name: z.string().trim().min(1).max(200).optional(),
    memberOrganisationId: z.uuid().optional(),
  })
  .strict();
export type ListNetworksQuery = z.infer<typeof listNetworksQuerySchema>;

/** Event payload of `strata.platform-mgmt.network-registered.v1`. */
export const networkRegisteredSchema = networkSchema;
export type NetworkRegistered = Network;

/**
 * Event payload of `strata.platform-mgmt.network-membership-changed.v1`: an executed governance
 * proposal admitted or removed a member. Carries the whole member list after the change and the
 * network's membership revision (1, 2, ... per network; registration is revision 0), so a
 * consumer keeps the newest list whatever order it receives this and `network-registered` in.
 */
export const networkMembershipChangedSchema = z
  .object({
    networkId: z.uuid(),
    revision: z.number().int().min(1),
    memberOrganisationIds: z.array(z.uuid()),
    change: z.object({
      kind: z.enum(['admitted', 'removed']),
      organisationId: z.uuid(),
    }),
    proposalId: z.uuid(),
    changedAt: z.iso.datetime(),
  })
  .strict();
export type NetworkMembershipChanged = z.infer<typeof networkMembershipChangedSchema>;
