/**
 * The verifier against the real trust contracts on a private anvil: VC-JWTs signed by on-chain
 * DIDs verify when the issuer is accredited for the credential's schema, fail precisely otherwise
 * (unaccredited, outside its schemas, revoked), keep verifying after a key rotation for what the
 * old key signed while valid, and a deactivated or unknown DID does not resolve.
 */
import fc from 'fast-check';
import { createJWT, ES256KSigner } from 'did-jwt';
import { getBytes, keccak256, toUtf8Bytes, type SigningKey } from 'ethers';
import {
  accredit,
  changeDid,
  fragment,
  newKey,
  publicKeyOf,
  registerDid,
  revokeAccreditation,
  startTrustFixture,
  type TrustFixture,
} from '@strata/chain/testing';
import { verifyCredentialJwt } from '../credentials/credential-verifier';
import { resolveOnChainDid } from '../did-registry/on-chain-did-document';
import { EthersOnChainRegistries } from '../did-registry/on-chain-registries';
import { OnChainIssuerTrust } from './issuer-trust';

let fixture: TrustFixture;
let registries: EthersOnChainRegistries;
let trust: OnChainIssuerTrust;
let tao: Awaited<ReturnType<typeof registerDid>>;
const ZERO_ID = `0x${'0'.repeat(32)}`;
const [DIPLOMA, LICENCE] = ['diploma', 'licence'].map((s) => keccak256(toUtf8Bytes(s)));
const schemaUrl = (id: string) => `https://strata.example/api/v1/schemas/${id}`;

beforeAll(async () => {
  fixture = await startTrustFixture();
  registries = await EthersOnChainRegistries.connect({
    rpcUrl: fixture.anvil.rpcUrl,
    didRegistry: await fixture.dids.getAddress(),
    trustedIssuersRegistry: await fixture.issuers.getAddress(),
    trustedSchemasRegistry: await fixture.schemas.getAddress(),
  });
  trust = new OnChainIssuerTrust(registries);
  tao = await registerDid(fixture);
  await accredit(
    fixture,
    {
      subjectDid: tao.did,
      subjectId: tao.id,
      role: 'TAO',
      schemas: [DIPLOMA, LICENCE],
      accreditor: fixture.root.id,
    },
    fixture.root.key,
  );
});
afterAll(async () => {
  await registries?.close();
  await fixture?.close();
});

const chainNow = async () =>
  new Date(((await fixture.provider.getBlock('latest'))?.timestamp ?? 0) * 1000);

async function signed(
  issuer: string,
  key: SigningKey,
  keyFragment: string,
  at: Date,
  schema: string | null = DIPLOMA,
): Promise<string> {
  const seconds = Math.floor(at.getTime() / 1000);
  return createJWT(
    {
      iat: seconds,
      nbf: seconds,
      sub: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      vc: {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiableCredential', 'DiplomaCredential'],
        credentialSubject: { degree: 'MSc' },
        ...(schema ? { credentialSchema: { id: schemaUrl(schema), type: 'JsonSchema' } } : {}),
      },
    },
    { issuer, signer: ES256KSigner(getBytes(key.privateKey)) },
    { alg: 'ES256K', kid: `${issuer}#${keyFragment}` },
  );
}

async function accreditedIssuer(schemas = [DIPLOMA]) {
  const issuer = await registerDid(fixture);
  const attributeId = await accredit(
    fixture,
    { subjectDid: issuer.did, subjectId: ZERO_ID, role: 'TI', schemas, accreditor: tao.id },
    tao.key,
  );
  return { ...issuer, attributeId };
}

const codes = (result: { problems: { code: string }[] }) => result.problems.map((p) => p.code);

describe('credential verification with the on-chain trust registries', () => {
  it('verifies a credential signed by an on-chain DID accredited for its schema', async () => {
    const issuer = await accreditedIssuer();
    const now = await chainNow();
    const result = await verifyCredentialJwt(
      await signed(issuer.did, issuer.key, 'keys-1', now),
      now,
      undefined,
      trust,
    );
    expect(result.problems).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.checks.map((c) => c.check)).toEqual([
      'signature',
      'issuer',
      'validity',
      'status',
      'accreditation',
    ]);
  });

  it('fails with issuer-not-accredited for an issuer without accreditation', async () => {
    const loner = await registerDid(fixture);
    const now = await chainNow();
    const result = await verifyCredentialJwt(
      await signed(loner.did, loner.key, 'keys-1', now),
      now,
      undefined,
      trust,
    );
    expect(result.verified).toBe(false);
    expect(codes(result)).toEqual(['issuer-not-accredited']);
  });

  it('fails with schema-not-accredited outside the issuer schemas or without a schema', async () => {
    const issuer = await accreditedIssuer([DIPLOMA]);
    const now = await chainNow();
    const outside = await verifyCredentialJwt(
      await signed(issuer.did, issuer.key, 'keys-1', now, LICENCE),
      now,
      undefined,
      trust,
    );
    expect(codes(outside)).toEqual(['schema-not-accredited']);
    const none = await verifyCredentialJwt(
      await signed(issuer.did, issuer.key, 'keys-1', now, null),
      now,
      undefined,
      trust,
    );
    expect(codes(none)).toEqual(['schema-not-accredited']);
  });

  it('fails once the issuer accreditation is revoked', async () => {
    const issuer = await accreditedIssuer();
    const now = await chainNow();
    const jwt = await signed(issuer.did, issuer.key, 'keys-1', now);
    expect((await verifyCredentialJwt(jwt, now, undefined, trust)).verified).toBe(true);
    await revokeAccreditation(
      fixture,
      { attributeId: issuer.attributeId, revoker: tao.id },
      tao.key,
    );
    expect(codes(await verifyCredentialJwt(jwt, now, undefined, trust))).toEqual([
      'issuer-not-accredited',
    ]);
  });

  it('keeps verifying what a rotated key signed while valid, and refuses what it signed after', async () => {
    const issuer = await accreditedIssuer();
    const before = await chainNow();
    const early = await signed(issuer.did, issuer.key, 'keys-1', before);
    await fixture.provider.send('evm_increaseTime', [120]);
    const next = newKey();
    await changeDid(
      fixture,
      issuer.id,
      {
        kind: 'add-verification-method',
        fragment: fragment('keys-2'),
        keyType: 'secp256k1',
        publicKey: publicKeyOf(next),
        relationships: 15,
      },
      issuer.key,
    );
    await changeDid(
      fixture,
      issuer.id,
      { kind: 'expire-verification-method', fragment: fragment('keys-1') },
      issuer.key,
    );
    await fixture.provider.send('evm_increaseTime', [60]);
    await fixture.provider.send('evm_mine', []);
    const after = await chainNow();
    expect((await verifyCredentialJwt(early, after, undefined, trust)).problems).toEqual([]);
    const late = await signed(issuer.did, issuer.key, 'keys-1', after);
    expect(codes(await verifyCredentialJwt(late, after, undefined, trust))).toEqual([
      'invalid-signature',
    ]);
    const rotated = await signed(issuer.did, next, 'keys-2', after);
    expect((await verifyCredentialJwt(rotated, after, undefined, trust)).verified).toBe(true);
  });

  it('does not resolve a deactivated DID, and reports its credentials as from an unknown issuer', async () => {
    const issuer = await accreditedIssuer();
    const now = await chainNow();
    const jwt = await signed(issuer.did, issuer.key, 'keys-1', now);
    await changeDid(fixture, issuer.id, { kind: 'deactivate' }, issuer.key);
    const resolution = await resolveOnChainDid(registries, issuer.did, now);
    expect(resolution.didDocument).toBeNull();
    expect(resolution.didResolutionMetadata).toMatchObject({ error: 'deactivated' });
    const result = await verifyCredentialJwt(jwt, now, undefined, trust);
    expect(result.verified).toBe(false);
    expect(result.problems[0]).toMatchObject({ code: 'unknown-issuer' });
    expect(result.problems[0].detail).toContain('deactivated');
  });

  it('resolves a registered DID with every key and its validity, and any other string to an error', async () => {
    const issuer = await registerDid(fixture);
    const resolution = await resolveOnChainDid(registries, issuer.did, await chainNow());
    expect(resolution.didDocument).toMatchObject({
      id: issuer.did,
      assertionMethod: [`${issuer.did}#keys-1`],
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `did:strata:z${s}`),
        ),
        async (input) => {
          const result = await resolveOnChainDid(registries, input, new Date());
          expect(result.didResolutionMetadata).toHaveProperty('error');
        },
      ),
      { numRuns: 50 },
    );
    const unknown = await resolveOnChainDid(
      registries,
      issuer.did.slice(0, -1) + (issuer.did.endsWith('1') ? '2' : '1'),
      new Date(),
    );
    expect(unknown.didResolutionMetadata).toHaveProperty('error');
  });
});
