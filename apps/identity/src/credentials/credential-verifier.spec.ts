import { createJWT } from 'did-jwt';
import fc from 'fast-check';
import { DID_KEY_TYPES, type DidKeyType } from '@strata/contracts';
import { encodeDidKey, generatePrivateKey, publicKeyOf } from '../identifiers/did-key';
import { ALG_OF, signerFor } from './credential-signer';
import { verifyCredentialJwt } from './credential-verifier';
import { didKeyResolver } from '../identifiers/did-key-resolver';
import type { IssuerTrust } from '../trust-registry/issuer-trust';

const NOW = new Date('2026-06-01T00:00:00Z');
const seconds = (iso: string): number => Date.parse(iso) / 1000;

async function signed(
  keyType: DidKeyType,
  claims: Record<string, unknown> = {},
  iss?: string,
): Promise<string> {
  const privateKey = generatePrivateKey(keyType);
  const { did } = encodeDidKey(keyType, publicKeyOf(keyType, privateKey));
  return createJWT(
    { vc: { type: ['VerifiableCredential'] }, nbf: seconds('2026-01-01T00:00:00Z'), ...claims },
    { issuer: iss ?? did, signer: signerFor(keyType, privateKey) },
    { alg: ALG_OF[keyType] },
  );
}

const codes = (result: Awaited<ReturnType<typeof verifyCredentialJwt>>): string[] =>
  result.problems.map((p) => p.code);

describe('verifyCredentialJwt', () => {
  it.each(DID_KEY_TYPES)(
    'verifies a %s-signed credential with every check passing',
    async (keyType) => {
      const result = await verifyCredentialJwt(await signed(keyType), NOW);
      expect(result).toMatchObject({ verified: true, problems: [] });
      expect(result.checks.every((c) => c.ok)).toBe(true);
    },
  );

  it('checks the issuer against the trust registries, except for a holder with accreditation off', async () => {
    const nobodyAccredited: IssuerTrust = {
      resolverAt: () => didKeyResolver,
      accreditationProblems: async (issuer) => [
        { check: 'accreditation', code: 'issuer-not-accredited', detail: `${issuer} is not` },
      ],
    };
    const jwt = await signed('secp256k1');
    const asIssued = await verifyCredentialJwt(jwt, NOW, undefined, nobodyAccredited);
    expect(codes(asIssued)).toEqual(['issuer-not-accredited']);
    expect(asIssued.checks).toContainEqual({ check: 'accreditation', ok: false });
    const asHeld = await verifyCredentialJwt(jwt, NOW, undefined, nobodyAccredited, {
      accreditation: false,
    });
    expect(asHeld.verified).toBe(true);
    expect(asHeld.checks.map((c) => c.check)).not.toContain('accreditation');
  });

  it('names a tampered payload as an invalid signature', async () => {
    const [header, payload, signature] = (await signed('secp256k1')).split('.');
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString()) as object;
    const tampered = Buffer.from(JSON.stringify({ ...decoded, degree: 'PhD' })).toString(
      'base64url',
    );
    const result = await verifyCredentialJwt([header, tampered, signature].join('.'), NOW);
    expect(result.verified).toBe(false);
    expect(codes(result)).toEqual(['invalid-signature']);
  });

  it('tells expired from not yet valid', async () => {
    const expired = await verifyCredentialJwt(
      await signed('P-256', { exp: seconds('2026-05-01T00:00:00Z') }),
      NOW,
    );
    expect(codes(expired)).toEqual(['expired']);
    const early = await verifyCredentialJwt(
      await signed('Ed25519', { nbf: seconds('2026-07-01T00:00:00Z') }),
      NOW,
    );
    expect(codes(early)).toEqual(['not-yet-valid']);
  });

  it('refuses an issuer that cannot be resolved', async () => {
    const result = await verifyCredentialJwt(
      await signed('secp256k1', {}, 'did:web:example.org'),
      NOW,
    );
    expect(codes(result)).toEqual(['unknown-issuer']);
    expect(result.checks.find((c) => c.check === 'signature')?.ok).toBe(false);
  });

  it('answers malformed input with a result, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.array(fc.base64String(), { minLength: 3, maxLength: 3 }).map((p) => p.join('.')),
        ),
        async (input) => {
          const result = await verifyCredentialJwt(input, NOW);
          expect(result.verified).toBe(false);
          expect(result.problems.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
