import fc from 'fast-check';
import { issueCredentialSchema } from './credentials';
import {
  envelopeCredential,
  envelopedCredentialSchema,
  issueCommandOf,
  jwtOfCredential,
  vcApiIssueRequestSchema,
  vcApiVerificationOf,
} from './vc-api';

describe('VC API shapes', () => {
  it('reads a VC DM 2.0 credential as the native issue command', () => {
    const request = vcApiIssueRequestSchema.parse({
      credential: {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiableCredential', 'ResidenceCredential'],
        issuer: { id: 'did:key:z6Mk', name: 'Comune' },
        validFrom: '2026-01-01T00:00:00Z',
        credentialSubject: { id: 'did:example:1', municipality: 'Bologna' },
      },
    });
    expect(issueCredentialSchema.parse(issueCommandOf(request))).toEqual({
      issuer: 'did:key:z6Mk',
      subjectId: 'did:example:1',
      types: ['ResidenceCredential'],
      claims: { municipality: 'Bologna' },
      validFrom: '2026-01-01T00:00:00Z',
    });
  });

  it('round-trips any compact JWT through an EnvelopedVerifiableCredential', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9_-]{1,40}\.[A-Za-z0-9_-]{1,40}\.[A-Za-z0-9_-]{1,40}$/),
        (jwt) => {
          const enveloped = envelopedCredentialSchema.parse(envelopeCredential(jwt));
          expect(jwtOfCredential(enveloped)).toBe(jwt);
          expect(jwtOfCredential(jwt)).toBe(jwt);
        },
      ),
    );
  });

  it('reports passed checks and one error per failed check, verified only when nothing failed', () => {
    const ok = {
      verified: true,
      checks: [
        { check: 'signature' as const, ok: true },
        { check: 'validity' as const, ok: true },
      ],
      problems: [],
    };
    const expired = {
      verified: false,
      checks: [
        { check: 'signature' as const, ok: true },
        { check: 'validity' as const, ok: false },
      ],
      problems: [{ check: 'validity' as const, code: 'expired', detail: 'expired at ...' }],
    };
    expect(vcApiVerificationOf([ok])).toEqual({
      verified: true,
      checks: ['signature', 'validity'],
      warnings: [],
      errors: [],
    });
    expect(vcApiVerificationOf([ok, expired])).toEqual({
      verified: false,
      checks: ['signature'],
      warnings: [],
      errors: [
        { type: 'urn:strata:verification:expired', title: 'validity', detail: 'expired at ...' },
      ],
    });
  });

  it('never throws on arbitrary request bodies: they parse or are refused', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        const parsed = vcApiIssueRequestSchema.safeParse(body);
        if (parsed.success) issueCredentialSchema.safeParse(issueCommandOf(parsed.data));
      }),
    );
  });
});
