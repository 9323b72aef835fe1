/** A node of a network's registry (provisioned by the platform or joined through the API). */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { NODE_ROLES, type NetworkNode as NetworkNodeDto } from '@strata/contracts';

export interface NodeEndpoints {
  rpcUrl?: string;
  metricsUrl?: string;
}

export const NetworkNode = defineEntity({
  name: 'NetworkNode',
  tableName: 'network_node',
  indexes: [{ properties: ['networkId', 'status'] }],
  properties: {
    id: p.uuid().primary(),
    networkId: p.uuid(),
    organisationId: p.uuid(),
    name: p.string().length(63),
    role: p.enum(NODE_ROLES),
    enode: p.string().length(400),
    /** The enode's 64-byte public key in lower-case hex: what identifies a node on the network. */
    publicKey: p.string().length(128),
    address: p.string().length(42),
    endpoints: p.json<NodeEndpoints>(),
    status: p.enum(['active', 'left'] as const),
    joinedAt: p.datetime(),
    leftAt: p.datetime().nullable(),
    /** When the other nodes were told to allow this one (perm_* RPCs); null while pending. */
    permissionedAt: p.datetime().nullable(),
    /**
     * When the other nodes were told to drop this one after it left (or its institution was
     * removed from the network); null while pending, and for a node that was never permissioned.
     */
    revokedAt: p.datetime().nullable(),
  },
});
export type NetworkNode = InferEntity<typeof NetworkNode>;

export function toNodeDto(entity: NetworkNode): NetworkNodeDto {
  return {
    id: entity.id,
    networkId: entity.networkId,
    organisationId: entity.organisationId,
    name: entity.name,
    role: entity.role,
    enode: entity.enode,
    address: entity.address,
    endpoints: entity.endpoints,
    status: entity.status,
    joinedAt: entity.joinedAt.toISOString(),
    leftAt: entity.leftAt?.toISOString() ?? null,
  };
}
