/**
 * Who is signed in, as the console shows it: a display name and the Strata realm roles read
 * from the Keycloak access token. The API checks the token itself; the console only uses the
 * roles to decide what to show.
 */
import { ROLES, type Role } from '@strata/contracts';

export interface SignedInUser {
  displayName: string;
  roles: Role[];
}

interface ProfileClaims {
  name?: unknown;
  preferred_username?: unknown;
  sub?: unknown;
}

/** Decodes a JWT's payload without verifying it (display only). Returns {} when malformed. */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (!payload) return {};
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '=');
    const bytes = Uint8Array.from(atob(padded), (char) => char.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Strata roles from Keycloak's `realm_access.roles`; other realm roles are ignored. */
export function rolesFromAccessToken(accessToken: string): Role[] {
  const realmAccess = decodeJwtPayload(accessToken)['realm_access'];
  if (typeof realmAccess !== 'object' || realmAccess === null) return [];
  const roles = (realmAccess as { roles?: unknown }).roles;
  return Array.isArray(roles) ? roles.filter(isRole) : [];
}

function firstText(...values: unknown[]): string | undefined {
  return values.find((value): value is string => typeof value === 'string' && value !== '');
}

export function toSignedInUser(profile: ProfileClaims, accessToken: string): SignedInUser {
  return {
    displayName: firstText(profile.name, profile.preferred_username, profile.sub) ?? 'unknown user',
    roles: rolesFromAccessToken(accessToken),
  };
}
