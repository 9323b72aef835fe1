/** Realm roles known to every app. The strings match the Keycloak realm's roles. */
import { z } from 'zod';
import { levelOfAssuranceSchema } from './identity/assurance';

export const ROLES = [
  'platform-admin',
  'institution-admin',
  'operator',
  'vendor',
  'auditor',
] as const;

export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Roles whose holders see every organisation's data (read scope is not narrowed). */
export const GLOBAL_READ_ROLES: readonly Role[] = ['platform-admin', 'auditor'];

/** Who asked for something: carried on every command and query so the owner can scope and audit. */
export const actorSchema = z.object({
  subject: z.string().min(1),
  username: z.string().optional(),
  roles: z.array(roleSchema),
  organisationId: z.uuid().optional(),
  /** eIDAS level of assurance of the login (from the token's `acr`), when it has one. */
  levelOfAssurance: levelOfAssuranceSchema.optional(),
});
export type Actor = z.infer<typeof actorSchema>;

export function hasGlobalReadScope(actor: Actor): boolean {
  return actor.roles.some((role) => GLOBAL_READ_ROLES.includes(role));
}
