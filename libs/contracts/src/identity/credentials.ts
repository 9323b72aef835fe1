/**
 * Verifiable credentials on the bus: issuing a VC-JWT with one of the organisation's
 * platform-held DIDs (command + `credential-issued.v1` event) and verifying one (query) with
 * one result per check and precise reasons.
 */
import { z } from 'zod';
import { didInputSchema } from './identifiers';

export const CredentialTopics = {
  issueCredential: 'strata.identity.issue-credential.v1',
  credentialIssued: 'strata.identity.credential-issued.v1',
} as const;

const typeName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,99}$/, { error: 'must be a credential type name' });

function isClaimsObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A VC DM 2.0 `credentialSchema` entry naming a JSON Schema by its id. */
export const credentialSchemaRefSchema = z
  .object({ id: z.string().min(1).max(512), type: z.literal('JsonSchema') })
  .strict();
export type CredentialSchemaRef = z.infer<typeof credentialSchemaRefSchema>;

export const issueCredentialSchema = z
  .object({
    /** One of the caller organisation's did:key (the platform holds its key). */
    issuer: didInputSchema,
    /** The subject's identifier (a DID or URI), if it has one. */
    subjectId: z.string().min(1).max(512).optional(),
    /** Types besides `VerifiableCredential`. */
    types: z.array(typeName).min(1).max(10),
    /** The subject's claims (`credentialSubject` without `id`). */
    // Documented as a plain `type: object`: z.record's `additionalProperties` makes
    // openapi-generator give every SDK model an index signature.
    claims: z
      .unknown()
      .refine(isClaimsObject, { error: 'must be a JSON object' })
      .meta({ type: 'object', description: "The subject's claims (credentialSubject without id)" })
      .transform((claims) => claims as Record<string, unknown>),
    validFrom: z.iso.datetime({ offset: true }).optional(),
    validUntil: z.iso.datetime({ offset: true }).optional(),
    /** VC DM 2.0 `credentialSchema`: a JSON Schema the platform knows; the subject must match it. */
    credentialSchema: credentialSchemaRefSchema.optional(),
  })
  .strict()
  .refine(
    (c) => !c.validFrom || !c.validUntil || Date.parse(c.validFrom) < Date.parse(c.validUntil),
    {
      error: 'validUntil must be after validFrom',
      path: ['validUntil'],
    },
  )
  .refine((c) => JSON.stringify(c.claims).length <= 16_384, {
    error: 'claims must be at most 16 KiB of JSON',
    path: ['claims'],
  })
  // Zod runs these refinements even when `claims` failed its own check: guard the `in`.
  .refine((c) => !isClaimsObject(c.claims) || !('id' in c.claims), {
    error: 'give the subject id as subjectId',
    path: ['claims'],
  });
export type IssueCredential = z.infer<typeof issueCredentialSchema>;

export const issuedCredentialSchema = z.object({
  /** The credential's id (`urn:uuid:...`), also the JWT's `jti`. */
  id: z.string(),
  issuer: z.string(),
  types: z.array(z.string()),
  /** JOSE algorithm of the signature: ES256K, ES256 or EdDSA. */
  alg: z.enum(['ES256K', 'ES256', 'EdDSA']),
  validFrom: z.iso.datetime(),
  validUntil: z.iso.datetime().nullable(),
  /** The VC-JWT. */
  jwt: z.string(),
});
export type IssuedCredential = z.infer<typeof issuedCredentialSchema>;

export const verifyCredentialSchema = z
  .object({ credential: z.string().min(1).max(65_536) })
  .strict();
export type VerifyCredential = z.infer<typeof verifyCredentialSchema>;

/**
 * `accreditation` is reported when the network's trusted issuers registry is configured, `schema`
 * when the credential names a `credentialSchema`.
 */
export const VERIFICATION_CHECKS = [
  'signature',
  'issuer',
  'validity',
  'status',
  'accreditation',
  'schema',
] as const;

export const verificationResultSchema = z.object({
  verified: z.boolean(),
  checks: z.array(
    z.object({
      check: z.enum(VERIFICATION_CHECKS),
      ok: z.boolean(),
      detail: z.string().optional(),
    }),
  ),
  /** One entry per failed check: a stable code (`tampered`, `expired`, ...) and the reason. */
  problems: z.array(
    z.object({ check: z.enum(VERIFICATION_CHECKS), code: z.string(), detail: z.string() }),
  ),
});
export type VerificationResult = z.infer<typeof verificationResultSchema>;
