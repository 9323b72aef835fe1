/**
 * Which roles may change state at all. Auditors are read-only by definition; this is enforced
 * centrally by the guard for every non-safe HTTP method, whatever a route declares.
 */
import type { Actor, Role } from '@strata/contracts';

export const READ_ONLY_ROLES: readonly Role[] = ['auditor'];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

export function canWrite(actor: Actor): boolean {
  return actor.roles.some((role) => !READ_ONLY_ROLES.includes(role));
}
