/** A time-boxed read grant of an auditor/regulator user to organisations and networks. */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { AuditorGrant as AuditorGrantDto } from '@strata/contracts';

export const AuditorGrantRecord = defineEntity({
  name: 'AuditorGrantRecord',
  tableName: 'auditor_grant',
  indexes: [{ properties: ['auditorSubject', 'expiresAt'] }, { properties: ['grantedAt'] }],
  properties: {
    id: p.uuid().primary(),
    auditorSubject: p.string().length(255),
    organisationIds: p.json<string[]>(),
    networkIds: p.json<string[]>(),
    expiresAt: p.datetime(),
    reason: p.text().nullable(),
    grantedBy: p.string().length(255),
    grantedAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
    revokedBy: p.string().length(255).nullable(),
  },
});
export type AuditorGrantRecord = InferEntity<typeof AuditorGrantRecord>;

export function isActive(grant: AuditorGrantRecord, now: Date): boolean {
  return !grant.revokedAt && grant.expiresAt.getTime() > now.getTime();
}

export function toGrantDto(grant: AuditorGrantRecord, now: Date): AuditorGrantDto {
  return {
    id: grant.id,
    auditorSubject: grant.auditorSubject,
    organisationIds: [...grant.organisationIds],
    networkIds: [...grant.networkIds],
    expiresAt: grant.expiresAt.toISOString(),
    reason: grant.reason ?? null,
    grantedBy: grant.grantedBy,
    grantedAt: grant.grantedAt.toISOString(),
    revokedAt: grant.revokedAt?.toISOString() ?? null,
    revokedBy: grant.revokedBy ?? null,
    status: grant.revokedAt ? 'revoked' : isActive(grant, now) ? 'active' : 'expired',
  };
}
