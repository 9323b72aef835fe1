/**
 * Maps the claims of a verified Keycloak access token onto the platform's `Actor`: the subject,
 * the user name, the realm roles Strata knows (others are ignored), the organisation id and the
 * eIDAS level of assurance of the login (from `acr`).
 */
import { levelOfAssuranceFromAcr, ROLES, type Actor, type Role } from '@strata/contracts';
import { z } from 'zod';

const knownRoles = new Set<string>(ROLES);
const uuid = z.uuid();

export interface KeycloakClaims {
  sub?: unknown;
  preferred_username?: unknown;
  realm_access?: unknown;
  organisation_id?: unknown;
  acr?: unknown;
  [claim: string]: unknown;
}

export class InvalidClaimsError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidClaimsError';
  }
}

function realmRoles(realmAccess: unknown): Role[] {
  if (typeof realmAccess !== 'object' || realmAccess === null) return [];
  const roles = (realmAccess as { roles?: unknown }).roles;
  if (!Array.isArray(roles)) return [];
  const known = roles.filter((r): r is Role => typeof r === 'string' && knownRoles.has(r));
  return [...new Set(known)];
}

export function actorFromClaims(claims: KeycloakClaims): Actor {
  if (typeof claims.sub !== 'string' || claims.sub.length === 0) {
    throw new InvalidClaimsError('token has no subject');
  }
  const actor: Actor = { subject: claims.sub, roles: realmRoles(claims.realm_access) };
  if (typeof claims.preferred_username === 'string') actor.username = claims.preferred_username;
  const organisationId = claims.organisation_id;
  if (typeof organisationId === 'string' && uuid.safeParse(organisationId).success) {
    actor.organisationId = organisationId;
  }
  const levelOfAssurance = levelOfAssuranceFromAcr(claims.acr);
  if (levelOfAssurance) actor.levelOfAssurance = levelOfAssurance;
  return actor;
}
