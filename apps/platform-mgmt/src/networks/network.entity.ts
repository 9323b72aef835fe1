/** A network of the registry and its member organisations, stored in platform-mgmt's schema. */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { Network as NetworkDto } from '@strata/contracts';

export const Network = defineEntity({
  name: 'Network',
  tableName: 'network',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(200),
    normalisedName: p.string().length(200).unique(),
    description: p.text().nullable(),
    rpcUrl: p.string().length(2048),
    createdAt: p.datetime(),
    /**
     * 0 at registration, +1 per executed membership change (`network-membership-changed` carries
     * it, so consumers keep the newest member list whatever order events arrive in).
     */
    membershipRevision: p.integer().default(0),
  },
});
export type Network = InferEntity<typeof Network>;

export const NetworkMember = defineEntity({
  name: 'NetworkMember',
  tableName: 'network_member',
  properties: {
    networkId: p.uuid().primary(),
    organisationId: p.uuid().primary().index(),
  },
});
export type NetworkMember = InferEntity<typeof NetworkMember>;

export function toNetworkDto(entity: Network, memberOrganisationIds: string[]): NetworkDto {
  return {
    id: entity.id,
    name: entity.name,
    description: entity.description ?? null,
    memberOrganisationIds: [...memberOrganisationIds].sort(),
    rpcUrl: entity.rpcUrl,
    createdAt: entity.createdAt.toISOString(),
  };
}
