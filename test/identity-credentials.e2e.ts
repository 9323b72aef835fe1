/**
 * Verifiable credentials end to end on the real stack, through the generated SDK: an
 * institution issues VC-JWTs with its platform-held did:key (ES256K, ES256, EdDSA) and any
 * caller verifies them, with a precise reason for each failed check.
 */
import { randomUUID } from 'node:crypto';
import { createJWT, ES256KSigner } from 'did-jwt';
import { Configuration, CredentialsApi, IdentifiersApi, type IssuedCredential } from '@strata/sdk';
import { Client } from 'pg';
import { readE2eRun } from '@strata/testing';
import { apiAs, type Api, problemOf, raw } from './support/api';
import { memberWithRole } from './support/ledger';

const configurationOf = (api: Api): Configuration =>
  new Configuration({ basePath: api.baseUrl, accessToken: async () => api.token });

/** credential-issued events written for an issuer (sent or not yet). */
async function issuedEvents(issuer: string): Promise<number> {
  const client = new Client({ connectionString: readE2eRun().databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select count(*)::int as n from identity.outbox_message where topic like '%strata.identity.credential-issued.v1' and key = $1`,
      [issuer],
    );
    return (rows[0] as { n: number }).n;
  } finally {
    await client.end();
  }
}

describe('identity: verifiable credentials, end to end', () => {
  let admin: Api;
  let institution: { api: Api; organisationId: string };
  let other: { api: Api; organisationId: string };

  async function didOf(
    member: { api: Api },
    keyType: 'secp256k1' | 'P-256' | 'Ed25519',
  ): Promise<string> {
    const created = await new IdentifiersApi(configurationOf(member.api)).createDid({
      createDid: { method: 'key', keyType },
    });
    return created.id;
  }

  async function issue(
    member: { api: Api },
    issuer: string,
    extra: { validFrom?: Date; validUntil?: Date } = {},
  ): Promise<IssuedCredential> {
    return new CredentialsApi(configurationOf(member.api)).issueCredential({
      issueCredential: {
        issuer,
        subjectId: 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp',
        types: ['UniversityDegreeCredential'],
        claims: { degree: { type: 'BachelorDegree', name: 'Bachelor of Science' } },
        ...extra,
      },
      idempotencyKey: randomUUID(),
    });
  }

  const verify = (jwt: string) =>
    new CredentialsApi(configurationOf(admin)).verifyCredential({
      verifyCredential: { credential: jwt },
    });

  beforeAll(async () => {
    admin = await apiAs('admin');
    institution = await memberWithRole(admin, 'institution-admin');
    other = await memberWithRole(admin, 'operator');
  });

  it.each([
    ['secp256k1', 'ES256K'],
    ['P-256', 'ES256'],
    ['Ed25519', 'EdDSA'],
  ] as const)('issues a %s-signed (%s) VC 2.0 credential that verifies', async (keyType, alg) => {
    const issuer = await didOf(institution, keyType);
    const issued = await issue(institution, issuer);
    expect(issued).toMatchObject({
      issuer,
      alg,
      types: ['VerifiableCredential', 'UniversityDegreeCredential'],
    });
    const [header, payload] = issued.jwt
      .split('.')
      .slice(0, 2)
      .map(
        (part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>,
      );
    expect(header.alg).toBe(alg);
    expect(payload).toMatchObject({
      iss: issuer,
      jti: issued.id,
      vc: {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        issuer,
        credentialSubject: { degree: { type: 'BachelorDegree' } },
      },
    });

    expect(await issuedEvents(issuer)).toBe(1);

    const result = await verify(issued.jwt);
    expect(result).toMatchObject({ verified: true, problems: [] });
    expect(result.checks.map((c) => c.check)).toEqual([
      'signature',
      'issuer',
      'validity',
      'status',
    ]);
  });

  it('fails a tampered payload on its signature', async () => {
    const issued = await issue(institution, await didOf(institution, 'secp256k1'));
    const [header, payload, signature] = issued.jwt.split('.');
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
      vc: { credentialSubject: object };
    };
    decoded.vc.credentialSubject = { degree: { type: 'DoctoralDegree' } };
    const forged = [
      header,
      Buffer.from(JSON.stringify(decoded)).toString('base64url'),
      signature,
    ].join('.');
    const result = await verify(forged);
    expect(result.verified).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({ check: 'signature', code: 'invalid-signature' }),
    ]);
  });

  it('fails an expired credential and one not yet valid with their reasons', async () => {
    const issuer = await didOf(institution, 'P-256');
    const expired = await issue(institution, issuer, {
      validFrom: new Date(Date.now() - 60_000),
      validUntil: new Date(Date.now() - 1_000),
    });
    expect((await verify(expired.jwt)).problems.map((p) => p.code)).toEqual(['expired']);
    const early = await issue(institution, issuer, {
      validFrom: new Date(Date.now() + 3_600_000),
    });
    expect((await verify(early.jwt)).problems.map((p) => p.code)).toEqual(['not-yet-valid']);
  });

  it('fails a credential from an issuer that cannot be resolved', async () => {
    const jwt = await createJWT(
      { vc: { type: ['VerifiableCredential'] } },
      { issuer: 'did:web:unknown.example', signer: ES256KSigner(new Uint8Array(32).fill(7)) },
      { alg: 'ES256K' },
    );
    const result = await verify(jwt);
    expect(result.verified).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({ check: 'issuer', code: 'unknown-issuer' }),
    ]);
  });

  it("refuses to issue with another organisation's DID or bad input, storing nothing", async () => {
    const foreign = await didOf(other, 'Ed25519');
    const refused = await problemOf(issue(institution, foreign));
    expect(refused.status).toBe(403);
    const bad = await raw(
      institution.api,
      'POST',
      '/api/v1/credentials/issue',
      { issuer: foreign, types: [], claims: {} },
      { 'idempotency-key': randomUUID() },
    );
    expect(bad.status).toBe(400);
    expect(bad.contentType).toContain('application/problem+json');
    expect(await issuedEvents(foreign)).toBe(0);
    const garbage = await raw(admin, 'POST', '/api/v1/credentials/verify', {
      credential: 'not.a.jwt',
    });
    expect(garbage.status).toBe(200);
    expect(garbage.body).toMatchObject({ verified: false });
  });
});
