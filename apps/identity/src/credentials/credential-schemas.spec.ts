import { createJWT } from 'did-jwt';
import fc from 'fast-check';
import { DomainProblem } from '@strata/bus';
import { encodeDidKey, generatePrivateKey, publicKeyOf } from '../identifiers/did-key';
import { ALG_OF, signerFor } from './credential-signer';
import { assertSubjectMatches, checkSubject, knownSchemaIds } from './credential-schemas';
import { verifyCredentialJwt } from './credential-verifier';

const DEGREE = { id: 'urn:strata:credential-schema:university-degree:v1', type: 'JsonSchema' };
const NOW = new Date('2026-06-01T00:00:00Z');
const subject = {
  id: 'did:example:alice',
  degree: { type: 'BachelorDegree', name: 'Bachelor of Science' },
};

async function signedWith(vc: Record<string, unknown>): Promise<string> {
  const privateKey = generatePrivateKey('secp256k1');
  const { did } = encodeDidKey('secp256k1', publicKeyOf('secp256k1', privateKey));
  return createJWT(
    { vc: { type: ['VerifiableCredential'], ...vc }, nbf: Date.parse('2026-01-01') / 1000 },
    { issuer: did, signer: signerFor('secp256k1', privateKey) },
    { alg: ALG_OF.secp256k1 },
  );
}

describe('credential schemas', () => {
  it('knows the catalogue schemas', () => {
    expect(knownSchemaIds()).toContain(DEGREE.id);
  });

  it('accepts a subject matching its schema', () => {
    expect(checkSubject(DEGREE, subject)).toEqual({ ok: true });
  });

  it('names every field a subject gets wrong', () => {
    const verdict = checkSubject(DEGREE, {
      id: 'did:example:alice',
      degree: { type: 'Diploma' },
      nickname: 'al',
    });
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.code).toBe('schema-mismatch');
    expect(verdict.errors.map((e) => e.path).sort()).toEqual([
      'credentialSubject.degree.name',
      'credentialSubject.degree.type',
      'credentialSubject.nickname',
    ]);
  });

  it('refuses unknown schemas and other schema types', () => {
    expect(
      checkSubject({ id: 'https://example.org/x.json', type: 'JsonSchema' }, subject),
    ).toMatchObject({
      ok: false,
      code: 'unknown-schema',
    });
    expect(checkSubject({ ...DEGREE, type: 'JsonSchemaCredential' }, subject)).toMatchObject({
      ok: false,
      code: 'unsupported-schema-type',
    });
  });

  it('refuses to issue a mismatching subject with a 422 problem listing the errors', () => {
    let thrown: unknown;
    try {
      assertSubjectMatches(DEGREE, { id: 'did:example:alice' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainProblem);
    expect((thrown as DomainProblem).problem).toMatchObject({
      code: 'credential-subject-invalid',
      status: 422,
      errors: [{ path: 'credentialSubject.degree', message: expect.any(String) as string }],
    });
    expect(() => assertSubjectMatches({ id: 'nope', type: 'JsonSchema' }, subject)).toThrow(
      'is not one the platform knows',
    );
  });

  it('answers any schema reference and subject with a verdict, never a throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record({
            id: fc.oneof(fc.string(), fc.constant(DEGREE.id)),
            type: fc.constant('JsonSchema'),
          }),
        ),
        fc.jsonValue(),
        (schema, value) => {
          const verdict = checkSubject(schema, value);
          expect(typeof verdict.ok).toBe('boolean');
          if (!verdict.ok) expect(() => assertSubjectMatches(schema, value)).toThrow(DomainProblem);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('verifies the schema check: passes a matching subject, fails a mismatching one with `schema`', async () => {
    const good = await verifyCredentialJwt(
      await signedWith({ credentialSchema: DEGREE, credentialSubject: subject }),
      NOW,
    );
    expect(good).toMatchObject({ verified: true, problems: [] });
    expect(good.checks.find((c) => c.check === 'schema')).toEqual({
      check: 'schema',
      ok: true,
      detail: 'validated against 1 schema(s)',
    });

    const bad = await verifyCredentialJwt(
      await signedWith({
        credentialSchema: [DEGREE],
        credentialSubject: { ...subject, degree: { type: 'Diploma', name: 'x' } },
      }),
      NOW,
    );
    expect(bad.verified).toBe(false);
    expect(bad.problems).toEqual([
      {
        check: 'schema',
        code: 'schema-mismatch',
        detail: expect.stringContaining('credentialSubject.degree.type') as string,
      },
    ]);
    expect(bad.checks.find((c) => c.check === 'schema')?.ok).toBe(false);
    expect(bad.checks.find((c) => c.check === 'signature')?.ok).toBe(true);
  });

  it('reports no schema check for a credential naming no credentialSchema', async () => {
    const result = await verifyCredentialJwt(await signedWith({ credentialSubject: subject }), NOW);
    expect(result.checks.map((c) => c.check)).not.toContain('schema');
  });

  it('does not fail schemas it has no document for, and names them when it validated another', async () => {
    const registryOnly = { id: 'https://strata.example/api/v1/schemas/0xab', type: 'JsonSchema' };
    const unknownOnly = await verifyCredentialJwt(
      await signedWith({ credentialSchema: registryOnly, credentialSubject: subject }),
      NOW,
    );
    expect(unknownOnly).toMatchObject({ verified: true, problems: [] });
    expect(unknownOnly.checks.map((c) => c.check)).not.toContain('schema');

    const both = await verifyCredentialJwt(
      await signedWith({ credentialSchema: [registryOnly, DEGREE], credentialSubject: subject }),
      NOW,
    );
    expect(both.verified).toBe(true);
    expect(both.checks.find((c) => c.check === 'schema')?.detail).toContain(registryOnly.id);
  });

  it('verifies credentials with arbitrary credentialSchema values without throwing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue(),
        fc.jsonValue(),
        async (credentialSchema, credentialSubject) => {
          const result = await verifyCredentialJwt(
            await signedWith({ credentialSchema, credentialSubject }),
            NOW,
          );
          expect(typeof result.verified).toBe('boolean');
        },
      ),
      { numRuns: 100 },
    );
  });
});
