/**
 * On-chain trust registries end to end on the real stack (anvil, Kafka, Postgres, Keycloak): the
 * DidRegistry, TrustedIssuersRegistry and TrustedSchemasRegistry are deployed through the ledger's
 * transaction manager, identity is restarted pointing at them, and every registry change is an
 * EIP-712 message signed by the acting DID's key (prepared and submitted through the gateway, sent
 * by the organisation's signing account through the ledger). Credentials signed by on-chain DIDs
 * are verified through the API against the accreditations (ADR 0010).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { hexlify, keccak256, randomBytes, SigningKey, toUtf8Bytes } from 'ethers';
import { jsonRpc, readE2eRun } from '@strata/testing';
import { apiAs, raw } from './support/api';
import {
  allTransactions,
  anvilNetwork,
  type Member,
  memberWithRole,
  signingAccount,
} from './support/ledger';
import {
  chainTime,
  FAR,
  type HeldDid,
  newHeldDid,
  onChainCredential,
  registryPublicKeyOf,
  schemaUrl,
  TrustRegistries,
} from './support/trust-registry';

const DIPLOMA = keccak256(toUtf8Bytes(`diploma-${randomUUID()}`));
const LICENCE = keccak256(toUtf8Bytes(`licence-${randomUUID()}`));

describe('on-chain trust registries, end to end', () => {
  let member: Member;
  let networkId: string;
  let registries: TrustRegistries;
  let root: HeldDid;
  let tao: HeldDid;
  let issuer: HeldDid;
  let loner: HeldDid;
  /** The issuer's key after rotation (keys-2). */
  let rotated: SigningKey;

  const change = (body: Record<string, unknown>, key: SigningKey) => registries.change(body, key);
  const credential = (
    held: HeldDid,
    key: SigningKey,
    fragment: string,
    iat: number,
    schema = DIPLOMA,
  ) => onChainCredential(held, key, fragment, iat, schema);

  async function verify(jwt: string) {
    const result = await raw(member.api, 'POST', '/api/v1/credentials/verify', {
      credential: jwt,
    });
    expect(result.status).toBe(200);
    return result.body as { verified: boolean; problems: { code: string; detail: string }[] };
  }

  beforeAll(async () => {
    const admin = await apiAs('admin');
    member = await memberWithRole(admin);
    networkId = await anvilNetwork(admin, [member.organisationId]);
    registries = new TrustRegistries(member, networkId, await signingAccount(member, networkId));
    [root, tao, issuer, loner] = [newHeldDid(), newHeldDid(), newHeldDid(), newHeldDid()];
    await registries.deployAndUse(root);
    for (const held of [root, tao, issuer, loner]) await registries.register(held);
  }, 900_000);

  afterAll(() => registries.restore(), 300_000);

  it('registers organisation DIDs through the ledger, lists them with paging and resolves them in W3C form', async () => {
    const page = await raw(member.api, 'GET', '/api/v1/identifiers?limit=2&offset=2');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 4, limit: 2, offset: 2 });
    expect((page.body.items as { did: string }[]).map((i) => i.did)).toEqual([
      issuer.did,
      loner.did,
    ]);
    const resolved = await raw(member.api, 'GET', `/api/v1/identifiers/${issuer.did}`);
    expect(resolved.status).toBe(200);
    expect(resolved.body.didDocument).toMatchObject({
      id: issuer.did,
      assertionMethod: [`${issuer.did}#keys-1`],
      capabilityInvocation: [`${issuer.did}#keys-1`],
    });
    expect(resolved.body.didResolutionMetadata).toMatchObject({
      contentType: 'application/did+ld+json',
    });
  }, 600_000);

  it('accredits RootTAO -> TAO -> TI with signed changes and lists issuers and attributes like EBSI', async () => {
    const toTao = await change(
      {
        kind: 'accredit',
        subjectDid: tao.did,
        role: 'TAO',
        schemas: [DIPLOMA, LICENCE],
        accreditorDid: root.did,
      },
      root.key,
    );
    expect(toTao.body.status).toBe('confirmed');
    const toIssuer = await change(
      {
        kind: 'accredit',
        subjectDid: issuer.did,
        role: 'TI',
        schemas: [DIPLOMA],
        accreditorDid: tao.did,
      },
      tao.key,
    );
    expect(toIssuer.body.status).toBe('confirmed');
    const schema = await change(
      {
        kind: 'register-schema',
        schemaId: DIPLOMA,
        uri: schemaUrl(DIPLOMA),
        registrantDid: tao.did,
      },
      tao.key,
    );
    expect(schema.body.status).toBe('confirmed');

    const issuers = await raw(member.api, 'GET', '/api/v1/issuers?limit=10');
    expect((issuers.body.items as { did: string }[]).map((i) => i.did)).toEqual([
      root.did,
      tao.did,
      issuer.did,
    ]);
    const one = await raw(member.api, 'GET', `/api/v1/issuers/${issuer.did}`);
    expect(one.body).toMatchObject({ did: issuer.did, accredited: true });
    const attributes = await raw(member.api, 'GET', `/api/v1/issuers/${issuer.did}/attributes`);
    expect(attributes.body.items).toEqual([
      expect.objectContaining({
        issuerType: 'TI',
        tao: tao.did,
        schemas: [DIPLOMA],
        inForce: true,
      }),
    ]);
    const schemas = await raw(member.api, 'GET', `/api/v1/schemas/${DIPLOMA}`);
    expect(schemas.body).toMatchObject({ id: DIPLOMA, registrant: tao.did });
  }, 600_000);

  it('verifies a credential of the accredited issuer and fails unaccredited issuers and other schemas precisely', async () => {
    const now = await chainTime();
    expect((await verify(await credential(issuer, issuer.key, 'keys-1', now))).problems).toEqual(
      [],
    );
    const outside = await verify(await credential(issuer, issuer.key, 'keys-1', now, LICENCE));
    expect(outside.problems.map((p) => p.code)).toEqual(['schema-not-accredited']);
    const unaccredited = await verify(await credential(loner, loner.key, 'keys-1', now));
    expect(unaccredited.problems.map((p) => p.code)).toEqual(['issuer-not-accredited']);
  }, 600_000);

  it('keeps verifying what a rotated key signed while it was valid, and refuses what it signed later', async () => {
    const before = await chainTime();
    const early = await credential(issuer, issuer.key, 'keys-1', before);
    await jsonRpc(readE2eRun().anvilRpcUrl, 'evm_increaseTime', [30]);
    const next = new SigningKey(hexlify(randomBytes(32)));
    rotated = next;
    const added = await change(
      {
        kind: 'add-verification-method',
        did: issuer.did,
        signerDid: issuer.did,
        fragment: 'keys-2',
        keyType: 'secp256k1',
        publicKey: registryPublicKeyOf(next),
        relationships: ['assertionMethod', 'capabilityInvocation'],
      },
      issuer.key,
    );
    expect(added.body.status).toBe('confirmed');
    const expired = await change(
      {
        kind: 'expire-verification-method',
        did: issuer.did,
        signerDid: issuer.did,
        fragment: 'keys-1',
      },
      issuer.key,
    );
    expect(expired.body.status).toBe('confirmed');
    const after = (await chainTime()) + 1;
    expect((await verify(early)).problems).toEqual([]);
    const late = await verify(await credential(issuer, issuer.key, 'keys-1', after));
    expect(late.problems.map((p) => p.code)).toEqual(['invalid-signature']);
    expect((await verify(await credential(issuer, next, 'keys-2', after))).verified).toBe(true);
  }, 600_000);

  it('refuses a change signed by a key the DID does not hold, with the contract error and nothing sent', async () => {
    const before = (await allTransactions(member, networkId)).length;
    const forged = await change(
      { kind: 'deactivate-did', did: tao.did, signerDid: tao.did },
      new SigningKey(hexlify(randomBytes(32))),
    );
    expect(forged.status).toBe(422);
    expect(forged.contentType).toContain('application/problem+json');
    expect(JSON.stringify(forged.body)).toContain('Unauthorised');
    expect((await allTransactions(member, networkId)).length).toBe(before);
  }, 600_000);

  it('fails credentials once the TAO revokes the accreditation', async () => {
    const attributes = await raw(member.api, 'GET', `/api/v1/issuers/${issuer.did}/attributes`);
    const [attribute] = attributes.body.items as { id: string }[];
    const jwt = await credential(issuer, rotated, 'keys-2', await chainTime());
    const revoked = await change(
      { kind: 'revoke-accreditation', attributeId: attribute.id, revokerDid: tao.did },
      tao.key,
    );
    expect(revoked.body.status).toBe('confirmed');
    expect((await verify(jwt)).problems.map((p) => p.code)).toEqual(['issuer-not-accredited']);
    const after = await raw(member.api, 'GET', `/api/v1/issuers/${issuer.did}/attributes`);
    expect(after.body.items).toEqual([
      expect.objectContaining({ issuerType: 'Revoked', inForce: false }),
    ]);
  }, 600_000);

  it('answers 410 for a deactivated DID and fails its credentials', async () => {
    const jwt = await credential(loner, loner.key, 'keys-1', (await chainTime()) - 1);
    const done = await change(
      { kind: 'deactivate-did', did: loner.did, signerDid: loner.did },
      loner.key,
    );
    expect(done.body.status).toBe('confirmed');
    const resolved = await raw(member.api, 'GET', `/api/v1/identifiers/${loner.did}`);
    expect(resolved.status).toBe(410);
    expect(resolved.contentType).toContain('application/problem+json');
    const unknown = await raw(member.api, 'GET', `/api/v1/identifiers/${newHeldDid().did}`);
    expect(unknown.status).toBe(404);
    expect((await verify(jwt)).problems.map((p) => p.code)).toContain('unknown-issuer');
  }, 600_000);

  it('answers bad DIDs, schema ids and change bodies with problem+json, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ minLength: 1 }),
          fc.string().map((s) => `did:strata:z${s}`),
        ),
        fc.anything(),
        async (did, body) => {
          const path = encodeURIComponent(did);
          for (const url of [`/api/v1/identifiers/${path}`, `/api/v1/issuers/${path}`]) {
            const answer = await raw(member.api, 'GET', url);
            expect(answer.status).toBeLessThan(500);
            if (answer.status >= 400) expect(answer.contentType).toContain('problem+json');
          }
          const prepared = await raw(member.api, 'POST', '/api/v1/trust-registry/changes/prepare', {
            change: body,
            deadline: FAR,
          });
          expect(prepared.status).toBe(400);
          expect(prepared.contentType).toContain('problem+json');
        },
      ),
      { numRuns: 25 },
    );
    const badSchema = await raw(member.api, 'GET', '/api/v1/schemas/0x1234');
    expect(badSchema.status).toBe(400);
    const otherMethod = await raw(member.api, 'POST', '/api/v1/trust-registry/changes/prepare', {
      change: {
        kind: 'deactivate-did',
        did: 'did:ebsi:zub5ZZUfHLLptCduwEy8xRj',
        signerDid: root.did,
      },
      deadline: FAR,
    });
    expect(otherMethod.status).toBe(400);
    expect(otherMethod.body).toMatchObject({ detail: expect.stringContaining('did:') });
  }, 600_000);
});
