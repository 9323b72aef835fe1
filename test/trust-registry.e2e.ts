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
import { createJWT, ES256KSigner } from 'did-jwt';
import { getBytes, hexlify, keccak256, randomBytes, SigningKey, toUtf8Bytes } from 'ethers';
import {
  DidRegistryArtifact,
  onChainDid,
  parseOnChainDid,
  TrustedIssuersRegistryArtifact,
  TrustedSchemasRegistryArtifact,
  type ContractArtifact,
} from '@strata/chain';
import { jsonRpc, readE2eRun } from '@strata/testing';
import { apiAs, raw } from './support/api';
import { restartAppWith } from './support/restart';
import { eventually } from './support/eventually';
import {
  allTransactions,
  anvilNetwork,
  type Member,
  memberWithRole,
  signingAccount,
  waitForStatus,
} from './support/ledger';

const FAR = String(2 ** 35);
const DIPLOMA = keccak256(toUtf8Bytes(`diploma-${randomUUID()}`));
const LICENCE = keccak256(toUtf8Bytes(`licence-${randomUUID()}`));
const schemaUrl = (id: string) => `https://strata.example/api/v1/schemas/${id}`;

interface HeldDid {
  did: string;
  key: SigningKey;
}

describe('on-chain trust registries, end to end', () => {
  // Identity runs with this test's registries only while it runs: later tests expect the run's own settings.
  const originalEnv = readE2eRun().apps.identity?.env ?? {};
  let member: Member;
  let networkId: string;
  let from: string;
  let root: HeldDid;
  let tao: HeldDid;
  let issuer: HeldDid;
  let loner: HeldDid;
  /** The issuer's key after rotation (keys-2). */
  let rotated: SigningKey;

  const newDid = (): HeldDid => ({
    did: onChainDid('strata', hexlify(randomBytes(16))),
    key: new SigningKey(hexlify(randomBytes(32))),
  });
  const publicKeyOf = (key: SigningKey) => `0x${key.publicKey.slice(4)}`;

  async function deploy(artifact: ContractArtifact, args: unknown[]): Promise<string> {
    const tx = await member.tx.submitTransaction({
      id: networkId,
      idempotencyKey: randomUUID(),
      submitTransaction: {
        kind: 'deploy',
        from,
        bytecode: artifact.bytecode,
        abi: artifact.abi as object[],
        args,
      },
    });
    const done = await waitForStatus(member, networkId, tx.id, ['confirmed', 'failed'], 120_000);
    expect(done.status).toBe('confirmed');
    return done.contractAddress ?? '';
  }

  /** Prepares, signs with `key` and submits a change; resolves with the settled transaction. */
  async function change(body: Record<string, unknown>, key: SigningKey) {
    const prepared = await raw(member.api, 'POST', '/api/v1/trust-registry/changes/prepare', {
      change: body,
      deadline: FAR,
    });
    expect(prepared.status).toBe(200);
    const signature = key.sign(prepared.body.digest as string).serialized;
    const submitted = await raw(
      member.api,
      'POST',
      '/api/v1/trust-registry/changes',
      { from, change: body, deadline: FAR, signature },
      { 'idempotency-key': randomUUID() },
    );
    if (submitted.status !== 202) return submitted;
    const id = submitted.body.id as string;
    const tx = await waitForStatus(member, networkId, id, ['confirmed', 'failed'], 120_000);
    return { ...submitted, body: { ...submitted.body, status: tx.status } };
  }

  async function register(held: HeldDid): Promise<void> {
    const done = await change(
      { kind: 'register-did', did: held.did, fragment: 'keys-1', publicKey: publicKeyOf(held.key) },
      held.key,
    );
    expect(done.body.status).toBe('confirmed');
  }

  async function credential(
    held: HeldDid,
    key: SigningKey,
    fragment: string,
    iat: number,
    schema = DIPLOMA,
  ): Promise<string> {
    return createJWT(
      {
        iat,
        sub: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
        vc: {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          type: ['VerifiableCredential', 'DiplomaCredential'],
          credentialSubject: { degree: 'MSc' },
          credentialSchema: { id: schemaUrl(schema), type: 'JsonSchema' },
        },
      },
      { issuer: held.did, signer: ES256KSigner(getBytes(key.privateKey)) },
      { alg: 'ES256K', kid: `${held.did}#${fragment}` },
    );
  }

  async function verify(jwt: string) {
    const result = await raw(member.api, 'POST', '/api/v1/credentials/verify', {
      credential: jwt,
    });
    expect(result.status).toBe(200);
    return result.body as { verified: boolean; problems: { code: string; detail: string }[] };
  }

  const chainTime = async () =>
    Number(
      BigInt(
        (
          await jsonRpc<{ timestamp: string }>(readE2eRun().anvilRpcUrl, 'eth_getBlockByNumber', [
            'latest',
            false,
          ])
        ).timestamp,
      ),
    );

  beforeAll(async () => {
    const admin = await apiAs('admin');
    member = await memberWithRole(admin);
    networkId = await anvilNetwork(admin, [member.organisationId]);
    from = await signingAccount(member, networkId);
    [root, tao, issuer, loner] = [newDid(), newDid(), newDid(), newDid()];
    const dids = await deploy(DidRegistryArtifact, ['strata']);
    const issuers = await deploy(TrustedIssuersRegistryArtifact, [dids, idOf(root.did)]);
    const schemas = await deploy(TrustedSchemasRegistryArtifact, [issuers]);
    await restartAppWith('identity', {
      ...originalEnv,
      STRATA_IDENTITY_TRUST_RPC_URL: readE2eRun().anvilRpcUrl,
      STRATA_IDENTITY_TRUST_NETWORK_ID: networkId,
      STRATA_IDENTITY_DID_REGISTRY_ADDRESS: dids,
      STRATA_IDENTITY_TRUSTED_ISSUERS_REGISTRY_ADDRESS: issuers,
      STRATA_IDENTITY_TRUSTED_SCHEMAS_REGISTRY_ADDRESS: schemas,
    });
    await eventually(
      async () => (await raw(member.api, 'GET', '/api/v1/identifiers?limit=1')).status === 200,
      'identity to answer with its trust registries',
    );
    for (const held of [root, tao, issuer, loner]) await register(held);
  }, 900_000);

  afterAll(() => restartAppWith('identity', originalEnv), 300_000);

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
        publicKey: publicKeyOf(next),
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
    const unknown = await raw(member.api, 'GET', `/api/v1/identifiers/${newDid().did}`);
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

function idOf(did: string): string {
  const parsed = parseOnChainDid(did, 'strata');
  if ('error' in parsed) throw new Error(`not an on-chain DID: ${did}`);
  return parsed.id;
}
