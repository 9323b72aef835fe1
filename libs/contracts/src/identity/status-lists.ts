/**
 * Revocation and suspension of issued credentials with W3C Bitstring Status Lists: changing a
 * credential's status (command + `credential-status-changed.v1` event) and reading an issuer's
 * published status list credential (query).
 */
import { z } from 'zod';

export const StatusListTopics = {
  changeCredentialStatus: 'strata.identity.change-credential-status.v1',
  credentialStatusChanged: 'strata.identity.credential-status-changed.v1',
} as const;

export const STATUS_PURPOSES = ['revocation', 'suspension'] as const;
export const statusPurposeSchema = z.enum(STATUS_PURPOSES);
export type StatusPurpose = z.infer<typeof statusPurposeSchema>;

export const changeCredentialStatusSchema = z
  .object({
    /** The credential's id (`urn:uuid:...`) as issued. */
    credentialId: z
      .string()
      .regex(/^urn:uuid:[0-9a-f-]{36}$/, { error: 'must be urn:uuid:<uuid>' }),
    /** Revocation is final; a suspension can be lifted with `unsuspend`. */
    action: z.enum(['revoke', 'suspend', 'unsuspend']),
  })
  .strict();
export type ChangeCredentialStatus = z.infer<typeof changeCredentialStatusSchema>;

export const CREDENTIAL_STATUSES = ['active', 'suspended', 'revoked'] as const;

export const credentialStatusRecordSchema = z.object({
  id: z.string(),
  issuer: z.string(),
  status: z.enum(CREDENTIAL_STATUSES),
  changedAt: z.iso.datetime(),
});
export type CredentialStatusRecord = z.infer<typeof credentialStatusRecordSchema>;

/** A published status list credential (a VC-JWT signed by the issuer). */
export const statusListCredentialSchema = z.object({
  id: z.string(),
  statusPurpose: statusPurposeSchema,
  jwt: z.string(),
});
export type StatusListCredential = z.infer<typeof statusListCredentialSchema>;
