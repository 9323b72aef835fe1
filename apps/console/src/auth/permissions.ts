/**
 * What the console offers to whom. Mirrors the roles the API declares per endpoint so that
 * people do not see buttons that would only earn them a 403; the API stays the authority.
 */
import type { Role } from '@strata/contracts';

const ORGANISATION_REGISTRARS: readonly Role[] = ['platform-admin'];

export function canRegisterOrganisation(roles: readonly Role[]): boolean {
  return roles.some((role) => ORGANISATION_REGISTRARS.includes(role));
}

const CREDENTIAL_ISSUERS: readonly Role[] = ['institution-admin', 'operator'];

/** Creating DIDs and issuing credentials (the key's own signer roles are checked by identity). */
export function canIssueCredentials(roles: readonly Role[]): boolean {
  return roles.some((role) => CREDENTIAL_ISSUERS.includes(role));
}

const TRANSACTION_SUBMITTERS: readonly Role[] = ['institution-admin', 'operator'];

/** Submitting transactions from one of the caller organisation's signing accounts. */
export function canSubmitTransactions(roles: readonly Role[]): boolean {
  return roles.some((role) => TRANSACTION_SUBMITTERS.includes(role));
}
