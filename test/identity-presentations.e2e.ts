/**
 * Verifiable presentations end to end on the real stack, through the generated SDK: a holder
 * (a did:key outside the platform) presents VC-JWTs issued by an institution; the verifier
 * checks the holder's signature and every credential. With the network's trust registries
 * (deployed on anvil, identity restarted pointing at them), every carried credential is checked
 * like /credentials/verify does, issuer accreditation for its schema included, on both the
 * native and the W3C VC API endpoint.
 */
import { randomUUID } from 'node:crypto';
import { createJWT, ES256KSigner } from 'did-jwt';
import { keccak256, toUtf8Bytes } from 'ethers';
import { Configuration, CredentialsApi, IdentifiersApi } from '@strata/sdk';
import { apiAs, type Api, raw } from './support/api';
import { anvilNetwork, memberWithRole, signingAccount } from './support/ledger';
import {
  chainTime,
  type HeldDid,
  newHeldDid,
  onChainCredential,
  TrustRegistries,
} from './support/trust-registry';

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

describe('identity: presentations checked against the trusted issuers registry', () => {
  const DIPLOMA = keccak256(toUtf8Bytes(`presented-diploma-${randomUUID()}`));
  const LICENCE = keccak256(toUtf8Bytes(`presented-licence-${randomUUID()}`));
  let admin: Api;
  let verifier: CredentialsApi;
  let registries: TrustRegistries;
  let accredited: HeldDid;
  let unaccredited: HeldDid;

  beforeAll(async () => {
    admin = await apiAs('admin');
    verifier = new CredentialsApi(configurationOf(admin));
    const member = await memberWithRole(admin);
    const networkId = await anvilNetwork(admin, [member.organisationId]);
    registries = new TrustRegistries(member, networkId, await signingAccount(member, networkId));
    const [root, tao] = [newHeldDid(), newHeldDid()];
    [accredited, unaccredited] = [newHeldDid(), newHeldDid()];
    await registries.deployAndUse(root);
    for (const held of [root, tao, accredited, unaccredited]) await registries.register(held);
    await registries.accredit(root, tao, 'TAO', [DIPLOMA, LICENCE]);
    await registries.accredit(tao, accredited, 'TI', [DIPLOMA]);
  }, 900_000);

  afterAll(() => registries.restore(), 300_000);

  const issuedBy = async (held: HeldDid, schema = DIPLOMA) =>
    onChainCredential(held, held.key, 'keys-1', await chainTime(), schema);
  const verify = (presentation: string) =>
    verifier.verifyPresentation({ verifyPresentation: { presentation } });

  it('verifies a presentation of a credential from an issuer accredited for its schema', async () => {
    const result = await verify(await presentationOf([await issuedBy(accredited)]));
    expect(result.verified).toBe(true);
    expect(result.presentation.checks.map((c) => c.check)).not.toContain('accreditation');
    expect(result.credentials[0].checks).toContainEqual({ check: 'accreditation', ok: true });
  }, 300_000);

  it('fails a presentation holding a credential from an unaccredited issuer, naming the issuer', async () => {
    const result = await verify(
      await presentationOf([await issuedBy(accredited), await issuedBy(unaccredited)]),
    );
    expect(result.verified).toBe(false);
    expect(result.presentation.verified).toBe(true);
    expect(result.credentials.map((c) => c.verified)).toEqual([true, false]);
    expect(result.credentials[1].problems).toEqual([
      {
        check: 'accreditation',
        code: 'issuer-not-accredited',
        detail: `${unaccredited.did} holds no accreditation in force in the trusted issuers registry`,
      },
    ]);
  }, 300_000);

  it('fails a presentation holding a credential outside the schemas its issuer is accredited for', async () => {
    const result = await verify(await presentationOf([await issuedBy(accredited, LICENCE)]));
    expect(result.verified).toBe(false);
    expect(result.credentials[0].problems.map((p) => p.code)).toEqual(['schema-not-accredited']);
  }, 300_000);

  it('gives the same verdict on the W3C VC API /presentations/verify', async () => {
    const presentation = await presentationOf([await issuedBy(unaccredited)]);
    const answer = await raw(admin, 'POST', '/presentations/verify', {
      verifiablePresentation: presentation,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      verified: false,
      errors: [
        expect.objectContaining({
          type: 'urn:strata:verification:issuer-not-accredited',
          title: 'accreditation',
        }),
      ],
    });
  }, 300_000);
});
