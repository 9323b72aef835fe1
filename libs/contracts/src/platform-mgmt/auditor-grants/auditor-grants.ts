/**
 * Time-boxed auditor grants: a platform administrator gives an auditor/regulator user read access
 * to chosen organisations and networks until an expiry; revocable before it. The gateway asks
 * platform-mgmt (`check-auditor-access`) before every auditor read of a granted resource.
 */
import { z } from 'zod';
import { pageRequestSchema, pageSchema } from '../../pagination';
import type { Actor } from '../../roles';

export const AuditorGrantTopics = {
  grantAuditorAccess: 'strata.platform-mgmt.grant-auditor-access.v1',
  auditorAccessGranted: 'strata.platform-mgmt.auditor-access-granted.v1',
  revokeAuditorGrant: 'strata.platform-mgmt.revoke-auditor-grant.v1',
  auditorGrantRevoked: 'strata.platform-mgmt.auditor-grant-revoked.v1',
  queries: 'strata.platform-mgmt.auditor-grant-queries.v1',
} as const;

export const grantAuditorAccessBodySchema = z
  .object({
    /** The auditor's user id (the `sub` of their tokens, the Keycloak user id). */
    auditorSubject: z.string().trim().min(1).max(255),
    organisationIds: z.array(z.uuid()).max(100).default([]),
    networkIds: z.array(z.uuid()).max(100).default([]),
    /** When the access ends by itself; must be in the future (at most a year ahead). */
    expiresAt: z.iso.datetime({ offset: true }),
    /** Why the access is given (case number, mandate). */
    reason: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((body) => body.organisationIds.length + body.networkIds.length > 0, {
    error: 'grant at least one organisation or network',
    path: ['organisationIds'],
  })
  .refine((body) => new Set(body.organisationIds).size === body.organisationIds.length, {
    error: 'an organisation is listed twice',
    path: ['organisationIds'],
  })
  .refine((body) => new Set(body.networkIds).size === body.networkIds.length, {
    error: 'a network is listed twice',
    path: ['networkIds'],
  });
export type GrantAuditorAccessBody = z.infer<typeof grantAuditorAccessBodySchema>;

/** Command payload of `grant-auditor-access.v1`. */
export const grantAuditorAccessSchema = z.object({ grant: grantAuditorAccessBodySchema });
export type GrantAuditorAccess = z.infer<typeof grantAuditorAccessSchema>;

/** Command payload of `revoke-auditor-grant.v1`. */
export const revokeAuditorGrantSchema = z.object({ grantId: z.uuid() });
export type RevokeAuditorGrant = z.infer<typeof revokeAuditorGrantSchema>;

export const auditorGrantSchema = z.object({
  id: z.uuid(),
  auditorSubject: z.string(),
  organisationIds: z.array(z.uuid()),
  networkIds: z.array(z.uuid()),
  expiresAt: z.iso.datetime(),
  reason: z.string().nullable(),
  grantedBy: z.string(),
  grantedAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  revokedBy: z.string().nullable(),
  /** active until expiry or revocation. */
  status: z.enum(['active', 'expired', 'revoked']),
});
export type AuditorGrant = z.infer<typeof auditorGrantSchema>;
export const auditorGrantPageSchema = pageSchema(auditorGrantSchema);

export const listAuditorGrantsQuerySchema = pageRequestSchema
  .extend({ auditorSubject: z.string().min(1).max(255).optional() })
  .strict();
export type ListAuditorGrantsQuery = z.infer<typeof listAuditorGrantsQuerySchema>;

/**
 * True for callers the grants restrict: auditors who are not also platform administrators. They
 * read an organisation's or network's data only while an active grant covers it.
 */
export function isGrantRestricted(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.includes('auditor') && !actor.roles.includes('platform-admin');
}

/** What an auditor may read right now: the union of their active grants. */
export const auditorAccessSchema = z.object({
  auditorSubject: z.string(),
  organisationIds: z.array(z.uuid()),
  networkIds: z.array(z.uuid()),
  grantIds: z.array(z.uuid()),
});
export type AuditorAccess = z.infer<typeof auditorAccessSchema>;

export const auditorGrantQuerySchema = z.discriminatedUnion('query', [
  z.object({ query: z.literal('list-auditor-grants'), params: listAuditorGrantsQuerySchema }),
  z.object({ query: z.literal('get-auditor-grant'), grantId: z.uuid() }),
  z.object({ query: z.literal('auditor-access'), auditorSubject: z.string().min(1).max(255) }),
]);
export type AuditorGrantQuery = z.infer<typeof auditorGrantQuerySchema>;
