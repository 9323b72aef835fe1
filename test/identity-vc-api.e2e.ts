/**
 * The W3C VC API endpoints at the gateway's root on the real stack: `POST /credentials/issue`
 * takes a VC Data Model 2.0 credential and answers an EnvelopedVerifiableCredential (VC-JWT),
 * `POST /credentials/verify` and `POST /presentations/verify` answer verified / checks / errors,
 * with a precise error for a tampered credential; bad input is a 400 problem that issues nothing,
 * and fuzzed bodies never give a 500.
 */
import { randomUUID } from 'node:crypto';
import { createJWT, EdDSASigner } from 'did-jwt';
import fc from 'fast-check';
import { Configuration, IdentifiersApi } from '@strata/sdk';
import {
  encodeDidKey,
  generatePrivateKey,
  publicKeyOf,
} from '../apps/identity/src/identifiers/did-key';
import { apiAs, type Api, raw } from './support/api';
import { memberWithRole } from './support/ledger';

describe('identity: W3C VC API endpoints, end to end', () => {
  let admin: Api;
  let institution: { api: Api; organisationId: string };
  let issuer: string;

  const issue = (api: Api, credential: Record<string, unknown>) =>
    raw(api, 'POST', '/credentials/issue', { credential }, { 'idempotency-key': randomUUID() });
  const credential = () => ({
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential', 'ResidenceCredential'],
    issuer,
    credentialSubject: { id: 'did:example:resident-1', municipality: 'Bologna' },
  });

  beforeAll(async () => {
    admin = await apiAs('admin');
    institution = await memberWithRole(admin, 'institution-admin');
    issuer = (
      await new IdentifiersApi(
        new Configuration({
          basePath: institution.api.baseUrl,
          accessToken: async () => institution.api.token,
        }),
      ).createDid({ createDid: { method: 'key', keyType: 'P-256' } })
    ).id;
  });

  it('issues an enveloped VC-JWT that /credentials/verify and /presentations/verify accept', async () => {
    const issued = await issue(institution.api, credential());
    expect(issued.status).toBe(201);
    const vc = issued.body.verifiableCredential as { id: string; type: string };
    expect(vc.type).toBe('EnvelopedVerifiableCredential');
    expect(vc.id).toMatch(/^data:application\/vc\+jwt,ey/);

    const verified = await raw(admin, 'POST', '/credentials/verify', { verifiableCredential: vc });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ verified: true, errors: [], warnings: [] });
    expect(verified.body.checks).toEqual(
      expect.arrayContaining(['signature', 'issuer', 'validity', 'status']),
    );

    const jwt = vc.id.slice('data:application/vc+jwt,'.length);
    const holderKey = generatePrivateKey('Ed25519');
    const holder = encodeDidKey('Ed25519', publicKeyOf('Ed25519', holderKey)).did;
    const vp = await createJWT(
      {
        vp: {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          type: ['VerifiablePresentation'],
          verifiableCredential: [jwt],
        },
      },
      { issuer: holder, signer: EdDSASigner(holderKey) },
      { alg: 'EdDSA' },
    );
    const presented = await raw(admin, 'POST', '/presentations/verify', {
      verifiablePresentation: vp,
    });
    expect(presented.status).toBe(200);
    expect(presented.body).toMatchObject({ verified: true, errors: [] });
  });

  it('reports a tampered credential with a precise error', async () => {
    const issued = await issue(institution.api, credential());
    const jwt = (issued.body.verifiableCredential as { id: string }).id.split(',')[1];
    const [header, payload, signature] = jwt.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
      vc: { credentialSubject: Record<string, unknown> };
    };
    claims.vc.credentialSubject.municipality = 'Elsewhere';
    const tampered = [
      header,
      Buffer.from(JSON.stringify(claims)).toString('base64url'),
      signature,
    ].join('.');
    const verified = await raw(admin, 'POST', '/credentials/verify', {
      verifiableCredential: tampered,
    });
    expect(verified.status).toBe(200);
    expect(verified.body.verified).toBe(false);
    expect(verified.body.errors).toEqual([
      expect.objectContaining({
        type: 'urn:strata:verification:invalid-signature',
        title: 'signature',
      }),
    ]);
  });

  it('answers bad issue requests with a 400 problem and no 500 for any body', async () => {
    const noSubject = await issue(institution.api, { ...credential(), credentialSubject: 'x' });
    expect(noSubject.status).toBe(400);
    expect(noSubject.contentType).toContain('application/problem+json');
    const badType = await issue(institution.api, {
      ...credential(),
      type: ['VerifiableCredential', 'no spaces allowed'],
    });
    expect(badType.status).toBe(400);
    expect(JSON.stringify(badType.body.errors)).toContain('body.credential.types');
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue(),
        fc.constantFrom('/credentials/issue', '/credentials/verify', '/presentations/verify'),
        async (body, path) => {
          const response = await raw(institution.api, 'POST', path, JSON.stringify(body), {
            'idempotency-key': randomUUID(),
          });
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 25 },
    );
  });
});
