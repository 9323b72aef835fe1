/**
 * The W3C VC API shapes (issuer `POST /credentials/issue`, verifier `POST /credentials/verify`
 * and `POST /presentations/verify`) over Strata's VC-JWT issue/verify: a VC Data Model 2.0
 * credential in, an `EnvelopedVerifiableCredential` (`data:application/vc+jwt,<jwt>`, VC-JOSE-COSE)
 * out; verification answers `verified`, the passed `checks`, `warnings` and `errors`.
 */
import { z } from 'zod';
import type { VerificationResult } from './credentials';

export const VC_CONTEXT_V2 = 'https://www.w3.org/ns/credentials/v2';
const VC_JWT_PREFIX = 'data:application/vc+jwt,';
const VP_JWT_PREFIX = 'data:application/vp+jwt,';

const envelopedSchema = (type: string, prefix: string) =>
  z.object({
    '@context': z.union([z.literal(VC_CONTEXT_V2), z.array(z.string()).min(1)]),
    id: z
      .string()
      .startsWith(prefix)
      .max(prefix.length + 262_144),
    type: z.literal(type),
  });

export const envelopedCredentialSchema = envelopedSchema(
  'EnvelopedVerifiableCredential',
  VC_JWT_PREFIX,
);
export type EnvelopedCredential = z.infer<typeof envelopedCredentialSchema>;
const envelopedPresentationSchema = envelopedSchema(
  'EnvelopedVerifiablePresentation',
  VP_JWT_PREFIX,
);

const objectSchema = z
  .unknown()
  .refine((v) => typeof v === 'object' && v !== null && !Array.isArray(v), {
    error: 'must be a JSON object',
  })
  .meta({ type: 'object' })
  .transform((v) => v as Record<string, unknown>);

export const vcApiIssueRequestSchema = z
  .object({
    /** A VC Data Model 2.0 credential without proof; `issuer` is one of the caller's DIDs. */
    credential: z
      .object({
        '@context': z.unknown().optional(),
        type: z.union([z.string(), z.array(z.string()).max(11)]),
        issuer: z.union([z.string(), z.object({ id: z.string() }).loose()]),
        validFrom: z.string().optional(),
        validUntil: z.string().optional(),
        credentialSubject: objectSchema,
      })
      .loose(),
    options: z.object({}).loose().optional(),
  })
  .strict();
export type VcApiIssueRequest = z.infer<typeof vcApiIssueRequestSchema>;

/**
 * The IssueCredential command a VC API issue request stands for, not yet validated: parse it with
 * issueCredentialSchema (the native endpoint's rules) before use.
 */
export function issueCommandOf({ credential }: VcApiIssueRequest): Record<string, unknown> {
  const { id: subjectId, ...claims } = credential.credentialSubject;
  const types = (Array.isArray(credential.type) ? credential.type : [credential.type]).filter(
    (t) => t !== 'VerifiableCredential',
  );
  return {
    issuer: typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id,
    ...(subjectId === undefined ? {} : { subjectId }),
    types,
    claims,
    ...(credential.validFrom === undefined ? {} : { validFrom: credential.validFrom }),
    ...(credential.validUntil === undefined ? {} : { validUntil: credential.validUntil }),
    ...(credential.credentialSchema === undefined
      ? {}
      : { credentialSchema: credential.credentialSchema }),
  };
}

export const vcApiIssueResponseSchema = z.object({
  verifiableCredential: envelopedCredentialSchema,
});
export type VcApiIssueResponse = z.infer<typeof vcApiIssueResponseSchema>;

export const envelopeCredential = (jwt: string): EnvelopedCredential => ({
  '@context': VC_CONTEXT_V2,
  id: `${VC_JWT_PREFIX}${jwt}`,
  type: 'EnvelopedVerifiableCredential',
});

export const vcApiVerifyCredentialRequestSchema = z
  .object({
    /** The enveloped VC-JWT, or the compact JWT itself. */
    verifiableCredential: z.union([z.string().min(1).max(65_536), envelopedCredentialSchema]),
    options: z.object({}).loose().optional(),
  })
  .strict();
export type VcApiVerifyCredentialRequest = z.infer<typeof vcApiVerifyCredentialRequestSchema>;

export const vcApiVerifyPresentationRequestSchema = z
  .object({
    /** The enveloped VP-JWT, or the compact JWT itself. */
    verifiablePresentation: z.union([z.string().min(1).max(262_144), envelopedPresentationSchema]),
    options: z.object({}).loose().optional(),
  })
  .strict();
export type VcApiVerifyPresentationRequest = z.infer<typeof vcApiVerifyPresentationRequestSchema>;

export const jwtOfCredential = (
  vc: VcApiVerifyCredentialRequest['verifiableCredential'],
): string => (typeof vc === 'string' ? vc : vc.id.slice(VC_JWT_PREFIX.length));
export const jwtOfPresentation = (
  vp: VcApiVerifyPresentationRequest['verifiablePresentation'],
): string => (typeof vp === 'string' ? vp : vp.id.slice(VP_JWT_PREFIX.length));

export const vcApiVerificationSchema = z.object({
  verified: z.boolean(),
  /** The checks that passed. */
  checks: z.array(z.string()),
  warnings: z.array(z.object({ type: z.string(), title: z.string(), detail: z.string() })),
  /** One problem per failed check: `type` is `urn:strata:verification:<code>`, `title` the check. */
  errors: z.array(z.object({ type: z.string(), title: z.string(), detail: z.string() })),
});
export type VcApiVerification = z.infer<typeof vcApiVerificationSchema>;

export function vcApiVerificationOf(results: readonly VerificationResult[]): VcApiVerification {
  const checks = new Set<string>();
  for (const result of results) {
    for (const check of result.checks) if (check.ok) checks.add(check.check);
  }
  const errors = results.flatMap((r) =>
    r.problems.map((p) => ({
      type: `urn:strata:verification:${p.code}`,
      title: p.check,
      detail: p.detail,
    })),
  );
  for (const error of errors) checks.delete(error.title);
  return {
    verified: results.every((r) => r.verified) && errors.length === 0,
    checks: [...checks],
    warnings: [],
    errors,
  };
}
