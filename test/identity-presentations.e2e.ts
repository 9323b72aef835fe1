/**
 * Verifiable presentations end to end on the real stack, through the generated SDK: a holder
 * (a did:key outside the platform) presents VC-JWTs issued by an institution; the verifier
 * checks the holder's signature and every credential.
 */
import { randomUUID } from 'node:crypto';
import { createJWT, ES256KSigner } from 'did-jwt';
import { Configuration, CredentialsApi, IdentifiersApi } from '@strata/sdk';
import { apiAs, type Api } from './support/api';
import { memberWithRole } from './support/ledger';

// The did:key spec's secp256k1 test vector (seed and DID).
const HOLDER_KEY = Uint8Array.from(
  Buffer.from('9085d2bef69286a6cbb51623c8fa258629945cd55ca705cc4e66700396894e0c', 'hex'),
);
const HOLDER = 'did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme';

const configurationOf = (api: Api): Configuration =>
  new Configuration({ basePath: api.baseUrl, accessToken: async () => api.token });

const presentationOf = (credentials: string[], key = HOLDER_KEY): Promise<string> =>
  createJWT(
    {
      vp: {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiablePresentation'],
        verifiableCredential: credentials,
      },
      nbf: Math.floor(Date.now() / 1000) - 5,
    },
    { issuer: HOLDER, signer: ES256KSigner(key) },
    { alg: 'ES256K' },
  );

describe('identity: verifiable presentations, end to end', () => {
  let verifier: CredentialsApi;
  let credential: string;

  beforeAll(async () => {
    const admin = await apiAs('admin');
    verifier = new CredentialsApi(configurationOf(admin));
    const institution = await memberWithRole(admin, 'institution-admin');
    const issuer = (
      await new IdentifiersApi(configurationOf(institution.api)).createDid({
        createDid: { method: 'key', keyType: 'Ed25519' },
      })
    ).id;
    credential = (
      await new CredentialsApi(configurationOf(institution.api)).issueCredential({
        issueCredential: {
          issuer,
          subjectId: HOLDER,
          types: ['ResidenceCredential'],
          claims: { city: 'Bologna' },
        },
        idempotencyKey: randomUUID(),
      })
    ).jwt;
  });

  const verify = (presentation: string) =>
    verifier.verifyPresentation({ verifyPresentation: { presentation } });

  it("verifies the holder's presentation and the credential it carries", async () => {
    const result = await verify(await presentationOf([credential]));
    expect(result.verified).toBe(true);
    expect(result.presentation.verified).toBe(true);
    expect(result.credentials).toHaveLength(1);
    expect(result.credentials[0].verified).toBe(true);
  });

  it('fails a presentation signed by another key than the holder DID', async () => {
    const result = await verify(await presentationOf([credential], new Uint8Array(32).fill(3)));
    expect(result.verified).toBe(false);
    expect(result.presentation.problems).toEqual([
      expect.objectContaining({ check: 'signature', code: 'invalid-signature' }),
    ]);
  });

  it('fails a presentation carrying no credential or a tampered one', async () => {
    expect((await verify(await presentationOf([]))).presentation.problems).toEqual([
      expect.objectContaining({ code: 'no-credentials' }),
    ]);
    const [header, , signature] = credential.split('.');
    const forged = [
      header,
      Buffer.from('{"iss":"did:web:x"}').toString('base64url'),
      signature,
    ].join('.');
    const result = await verify(await presentationOf([credential, forged]));
    expect(result.verified).toBe(false);
    expect(result.credentials.map((c) => c.verified)).toEqual([true, false]);
  });
});
