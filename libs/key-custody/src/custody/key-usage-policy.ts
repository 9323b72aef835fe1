/**
 * Who may sign with a key: members of the owning organisation holding one of the key's signer
 * roles (institution-admin and operator unless the key says otherwise), and the owning app's own
 * system actor (the ledger's resubmission, identity publishing a status list). Everyone else is
 * refused with a 403 problem before the key is touched.
 */
import { DomainProblem } from '@strata/bus';
import type { Role } from '@strata/contracts';
import type { SigningAudit } from '../key-vault';

/** The actor the ledger signs as when it acts on its own (resubmission). */
export const LEDGER_SYSTEM_ACTOR = 'system:ledger';

export const SIGNING_ROLES: readonly Role[] = ['institution-admin', 'operator'];

export interface KeyUsagePolicy {
  ownerOrganisationId: string;
  /** Roles that may sign; null or absent means SIGNING_ROLES. */
  signerRoles?: readonly Role[] | null;
}

export function assertMaySign(
  key: string | KeyUsagePolicy,
  audit: SigningAudit,
  systemActor: string = LEDGER_SYSTEM_ACTOR,
): void {
  const policy = typeof key === 'string' ? { ownerOrganisationId: key } : key;
  if (audit.actor === systemActor) return;
  if (audit.organisationId !== policy.ownerOrganisationId) {
    throw DomainProblem.forbidden('Only the organisation that owns a signing key may use it.');
  }
  const allowed = policy.signerRoles ?? SIGNING_ROLES;
  if (!(audit.roles ?? []).some((role) => allowed.includes(role))) {
    throw DomainProblem.forbidden(
      `Signing with this key needs one of the roles ${allowed.join(', ')}.`,
    );
  }
}
