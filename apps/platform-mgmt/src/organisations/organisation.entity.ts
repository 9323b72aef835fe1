/** An organisation of the registry, stored in platform-mgmt's schema. */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ORGANISATION_KINDS, type Organisation as OrganisationDto } from '@strata/contracts';

export const Organisation = defineEntity({
  name: 'Organisation',
  tableName: 'organisation',
  uniques: [{ properties: ['country', 'normalisedName'] }],
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(200),
    /** Lower-cased, whitespace-collapsed name: "Agenzia  X" and "agenzia x" are the same organisation. */
    normalisedName: p.string().length(200),
    country: p.string().length(2),
    kind: p.enum(ORGANISATION_KINDS),
    legalIdentifier: p.string().length(64).nullable().unique(),
    createdAt: p.datetime(),
  },
});
export type Organisation = InferEntity<typeof Organisation>;

export function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function toOrganisationDto(entity: Organisation): OrganisationDto {
  return {
    id: entity.id,
    name: entity.name,
    country: entity.country,
    kind: entity.kind,
    legalIdentifier: entity.legalIdentifier ?? null,
    createdAt: entity.createdAt.toISOString(),
  };
}
