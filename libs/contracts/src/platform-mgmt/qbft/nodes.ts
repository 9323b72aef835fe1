/** The nodes registry: each node's enode, role, owner organisation and endpoints. */
import { z } from 'zod';

export const NODE_ROLES = ['validator', 'bootnode', 'member', 'rpc'] as const;
export const nodeRoleSchema = z.enum(NODE_ROLES);
export type NodeRole = z.infer<typeof nodeRoleSchema>;

const HOST =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** `enode://<128 hex public key>@<host>:<port>`, optionally with `?discport=<port>`. */
export const enodeSchema = z
  .string()
  .max(400)
  .refine(
    (value) => {
      const match =
        /^enode:\/\/([0-9a-fA-F]{128})@([^:/?#\s]+):(\d{1,5})(\?discport=(\d{1,5}))?$/.exec(value);
      if (!match) return false;
      const ports = [match[3], match[5]].filter((port) => port !== undefined).map(Number);
      return HOST.test(match[2]) && ports.every((port) => port >= 1 && port <= 65_535);
    },
    { error: 'must be enode://<128 hex characters>@<host>:<port>' },
  );

export const nodeEndpointsSchema = z
  .object({
    rpcUrl: z
      .url({ protocol: /^(https?|wss?)$/ })
      .max(2048)
      .optional(),
    metricsUrl: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .optional(),
  })
  .strict();

export const nodeSchema = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  organisationId: z.uuid(),
  name: z.string(),
  role: nodeRoleSchema,
  enode: z.string(),
  /** The node's account address (its validator address when it validates). */
  address: z.string(),
  endpoints: nodeEndpointsSchema,
  status: z.enum(['active', 'left']),
  joinedAt: z.iso.datetime(),
  leftAt: z.iso.datetime().nullable(),
});
export type NetworkNode = z.infer<typeof nodeSchema>;

export const joinNodeBodySchema = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
        error: 'lower-case letters, digits and dashes, at most 63',
      }),
    organisationId: z.uuid(),
    role: nodeRoleSchema,
    enode: enodeSchema,
    endpoints: nodeEndpointsSchema.default({}),
  })
  .strict();
export type JoinNodeBody = z.infer<typeof joinNodeBodySchema>;

/** Command payload of `strata.platform-mgmt.join-node.v1`. */
export const joinNodeSchema = z.object({ networkId: z.uuid(), node: joinNodeBodySchema });
export type JoinNode = z.infer<typeof joinNodeSchema>;

/** Command payload of `strata.platform-mgmt.leave-node.v1`. */
export const leaveNodeSchema = z.object({ networkId: z.uuid(), nodeId: z.uuid() });
export type LeaveNode = z.infer<typeof leaveNodeSchema>;

export const nodeListSchema = z.array(nodeSchema);
