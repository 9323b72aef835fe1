/**
 * Credential schema validation on the real stack: an issue request naming a known
 * `credentialSchema` (JsonSchema) is signed only when the credentialSubject matches the schema;
 * a mismatch or an unknown schema is a 422 problem (with the validation errors) and nothing is
 * signed or published; verification fails a credential whose subject does not match its schema
 * with the `schema` check. Fuzzed schema references never give a 500.
 */
import { randomUUID } from 'node:crypto';
import { createJWT, ES256KSigner } from 'did-jwt';
import fc from 'fast-check';
import pg from 'pg';
import { Configuration, CredentialsApi, IdentifiersApi } from '@strata/sdk';
import { readE2eRun } from '@strata/testing';
import { apiAs, type Api, problemOf, raw } from './support/api';
import { memberWithRole } from './support/ledger';
import {
  encodeDidKey,
  generatePrivateKey,
  publicKeyOf,
} from '../apps/identity/src/identifiers/did-key';

const DEGREE = {
  id: 'urn:strata:credential-schema:university-degree:v1',
  type: 'JsonSchema' as const,
};
const SUBJECT = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
const configurationOf = (api: Api) =>
  new Configuration({ basePath: api.baseUrl, accessToken: async () => api.token });

describe('identity: credential schemas, end to end', () => {
  const db = new pg.Client({ connectionString: readE2eRun().databaseUrl });
  let admin: Api;
  let institution: { api: Api; organisationId: string };
  let issuer: string;

  const issue = (
    claims: Record<string, unknown>,
    credentialSchema: { id: string; type: 'JsonSchema' } = DEGREE,
  ) =>
    new CredentialsApi(configurationOf(institution.api)).issueCredential({
      issueCredential: {
        issuer,
        subjectId: SUBJECT,
        types: ['UniversityDegreeCredential'],
        claims,
        credentialSchema,
      },
      idempotencyKey: randomUUID(),
    });
  const verify = (jwt: string) =>
    new CredentialsApi(configurationOf(admin)).verifyCredential({
      verifyCredential: { credential: jwt },
    });
  const signatures = async () =>
    Number(
      (
        await db.query<{ n: string }>(
          `select count(*) as n from identity.key_usage u join identity.managed_did d on d.key_id = u.key_id where d.did = $1`,
          [issuer],
        )
      ).rows[0].n,
    );
  const events = async () =>
    Number(
      (
        await db.query<{ n: string }>(
          `select count(*) as n from identity.outbox_message where topic like '%strata.identity.credential-issued.v1' and key = $1`,
          [issuer],
        )
      ).rows[0].n,
    );

  beforeAll(async () => {
    await db.connect();
    admin = await apiAs('admin');
    institution = await memberWithRole(admin, 'institution-admin');
    issuer = (
      await new IdentifiersApi(configurationOf(institution.api)).createDid({
        createDid: { method: 'key', keyType: 'secp256k1' },
      })
    ).id;
  });

  afterAll(async () => {
    await db.end();
  });

  it('issues a credential whose subject matches its schema, carrying credentialSchema, and it verifies with the schema check', async () => {
    const issued = await issue({ degree: { type: 'BachelorDegree', name: 'Bachelor of Science' } });
    const payload = JSON.parse(Buffer.from(issued.jwt.split('.')[1], 'base64url').toString()) as {
      vc: { credentialSchema: unknown };
    };
    expect(payload.vc.credentialSchema).toEqual(DEGREE);
    const result = await verify(issued.jwt);
    expect(result).toMatchObject({ verified: true, problems: [] });
    expect(result.checks).toContainEqual({
      check: 'schema',
      ok: true,
      detail: 'validated against 1 schema(s)',
    });
  });

  it('refuses a subject that does not match its schema with a 422 listing the errors, signing and publishing nothing', async () => {
    const [signedBefore, eventsBefore] = [await signatures(), await events()];
    const refused = await problemOf(issue({ degree: { type: 'Diploma' }, nickname: 'al' }));
    expect(refused.status).toBe(422);
    expect(refused.contentType).toContain('application/problem+json');
    expect(refused.problem).toMatchObject({
      type: 'urn:strata:problem:credential-subject-invalid',
    });
    const paths = (refused.problem.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual([
      'credentialSubject.degree.name',
      'credentialSubject.degree.type',
      'credentialSubject.nickname',
    ]);
    expect(await signatures()).toBe(signedBefore);
    expect(await events()).toBe(eventsBefore);
  });

  it('refuses an unknown schema with 422 unknown-credential-schema, also through the VC API', async () => {
    const unknown = await problemOf(
      issue(
        { degree: { type: 'BachelorDegree', name: 'BSc' } },
        { id: 'https://example.org/nope.json', type: 'JsonSchema' },
      ),
    );
    expect(unknown.status).toBe(422);
    expect(unknown.problem).toMatchObject({ type: 'urn:strata:problem:unknown-credential-schema' });

    const vcApi = await raw(
      institution.api,
      'POST',
      '/credentials/issue',
      {
        credential: {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          type: ['VerifiableCredential', 'UniversityDegreeCredential'],
          issuer,
          credentialSchema: DEGREE,
          credentialSubject: { id: SUBJECT, degree: { type: 'Diploma', name: 'x' } },
        },
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(vcApi.status).toBe(422);
    expect(vcApi.body).toMatchObject({ type: 'urn:strata:problem:credential-subject-invalid' });
  });

  it('fails verification of a correctly signed credential whose subject does not match its schema, with the reason schema', async () => {
    const privateKey = generatePrivateKey('secp256k1');
    const { did } = encodeDidKey('secp256k1', publicKeyOf('secp256k1', privateKey));
    const jwt = await createJWT(
      {
        vc: {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          type: ['VerifiableCredential', 'UniversityDegreeCredential'],
          credentialSchema: DEGREE,
          credentialSubject: { id: SUBJECT, degree: { type: 'Diploma', name: 'x' } },
        },
        nbf: Math.floor(Date.now() / 1000) - 60,
      },
      { issuer: did, signer: ES256KSigner(privateKey) },
      { alg: 'ES256K' },
    );
    const result = await verify(jwt);
    expect(result.verified).toBe(false);
    expect(result.problems).toEqual([
      {
        check: 'schema',
        code: 'schema-mismatch',
        detail: expect.stringContaining('credentialSubject.degree.type') as string,
      },
    ]);
    expect(result.checks.find((c) => c.check === 'signature')?.ok).toBe(true);
  });

  it('answers claims that are not an object with 400 validation-failed, not a 500', async () => {
    for (const claims of ['', 0, null, [], 'id']) {
      const response = await raw(
        institution.api,
        'POST',
        '/api/v1/credentials/issue',
        { issuer, types: ['UniversityDegreeCredential'], claims },
        { 'idempotency-key': randomUUID() },
      );
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ type: 'urn:strata:problem:validation-failed' });
    }
  });

  it('answers fuzzed credentialSchema values with 400 or 422 problems, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ id: fc.string(), type: fc.constantFrom('JsonSchema', 'Other') }),
        ),
        fc.jsonValue(),
        async (credentialSchema, degree) => {
          const response = await raw(
            institution.api,
            'POST',
            '/api/v1/credentials/issue',
            {
              issuer,
              types: ['UniversityDegreeCredential'],
              subjectId: SUBJECT,
              claims: { degree },
              credentialSchema,
            },
            { 'idempotency-key': randomUUID() },
          );
          expect([400, 422]).toContain(response.status);
          expect(response.contentType).toContain('application/problem+json');
        },
      ),
      { numRuns: 25 },
    );
  });
});
