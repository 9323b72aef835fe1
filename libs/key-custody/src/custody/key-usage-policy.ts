/**
 * Who may sign with a key: the owning organisation's institution-admins and operators, and the
 * ledger's own system actor (resubmission, fee bumps of transactions a user already signed for).
 * Everyone else is refused with a 403 problem before the key is touched.
 */
import { DomainProblem } from '@strata/bus';
import type { Role } from '@strata/contracts';
import type { SigningAudit } from '../key-vault';

/** The actor the ledger signs as when it acts on its own (resubmission). */
export const LEDGER_SYSTEM_ACTOR = 'system:ledger';

export const SIGNING_ROLES: readonly Role[] = ['institution-admin', 'operator'];

export function assertMaySign(ownerOrganisationId: string, audit: SigningAudit): void {
  if (audit.actor === LEDGER_SYSTEM_ACTOR) return;
  if (audit.organisationId !== ownerOrganisationId) {
    throw DomainProblem.forbidden('Only the organisation that owns a signing key may use it.');
  }
  if (!(audit.roles ?? []).some((role) => SIGNING_ROLES.includes(role))) {
    throw DomainProblem.forbidden('Signing needs the institution-admin or operator role.');
  }
}
