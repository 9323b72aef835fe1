/**
 * DID keys in the KeyVault, end to end through the API: a new DID's key is made in identity's
 * custody store (software keystore by default), each credential it signs is audited (key_usage
 * row + `strata.identity.key-used.v1` through the outbox), a key's signer roles are enforced
 * (403, nothing stored), a DID sealed before key custody is moved into the vault when identity
 * starts, and with STRATA_KEYVAULT=pkcs11 DID keys of all three types are made on a SoftHSM2
 * token (non-extractable) and issue credentials that verify, while earlier software-held DIDs
 * keep signing. Identity is restarted with the software keystore afterwards.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Configuration, CredentialsApi, IdentifiersApi } from '@strata/sdk';
import { Pkcs11Token } from '@strata/key-custody';
import { KeyEncryption } from '@strata/persistence';
import { createUser, ensureSoftHsmTestToken, readE2eRun } from '@strata/testing';
import {
  encodeDidKey,
  generatePrivateKey,
  publicKeyOf,
} from '../apps/identity/src/identifiers/did-key';
import { LOCAL_IDENTITY_KEYSTORE_PASSPHRASE } from '../apps/identity/src/config';
import { apiAs, type Api, problemOf, raw } from './support/api';
import { eventually } from './support/eventually';
import { memberWithRole } from './support/ledger';
import { restartAppWith } from './support/restart';

type KeyType = 'secp256k1' | 'P-256' | 'Ed25519';
type ManagedDidBody = { id: string; custody: string; signerRoles: string[] };
const configurationOf = (api: Api) =>
  new Configuration({ basePath: api.baseUrl, accessToken: async () => api.token });

describe('identity: DID keys in the KeyVault, end to end', () => {
  const token = ensureSoftHsmTestToken();
  const originalEnv = readE2eRun().apps.identity?.env ?? {};
  const db = new pg.Client({ connectionString: readE2eRun().databaseUrl });
  let admin: Api;
  let institution: { api: Api; organisationId: string };

  const createDid = async (api: Api, keyType: KeyType, signerRoles?: string[]) => {
    const response = await raw(
      api,
      'POST',
      '/api/v1/identifiers',
      { method: 'key', keyType, ...(signerRoles ? { signerRoles } : {}) },
      { 'idempotency-key': randomUUID() },
    );
    expect([201, 202]).toContain(response.status);
    if (response.status === 201) return response.body as ManagedDidBody;
    // Identity did not answer within the gateway's reply timeout: the operation's result.
    const id = response.headers.get('x-operation-id') ?? '';
    const operation = await eventually(async () => {
      const read = await api.operations.getOperation({ id });
      return read.status !== 'pending' ? read : undefined;
    }, `operation ${id} to settle`);
    expect(operation.status).toBe('succeeded');
    return operation.result as ManagedDidBody;
  };
  const issue = (api: Api, issuer: string) =>
    new CredentialsApi(configurationOf(api)).issueCredential({
      issueCredential: { issuer, types: ['PermitCredential'], claims: { permit: 'P-1' } },
      idempotencyKey: randomUUID(),
    });
  const verify = (jwt: string) =>
    new CredentialsApi(configurationOf(admin)).verifyCredential({
      verifyCredential: { credential: jwt },
    });
  const keyOf = async (did: string) =>
    (
      await db.query<{
        key_id: string | null;
        custody: string;
        material: string;
        sealed: string | null;
      }>(
        `select d.key_id, k.custody, k.material, d.sealed_private_key as sealed
           from identity.managed_did d left join identity.custody_key k on k.id = d.key_id
          where d.did = $1`,
        [did],
      )
    ).rows[0];
  const usagesOf = async (keyId: string) =>
    (
      await db.query<{ purpose: string; actor_organisation_id: string | null; reason: string }>(
        'select purpose, actor_organisation_id, reason from identity.key_usage where key_id = $1 order by signed_at',
        [keyId],
      )
    ).rows;
  const keyUsedEvents = async (keyId: string) =>
    Number(
      (
        await db.query<{ n: string }>(
          `select count(*) as n from identity.outbox_message
            where topic like '%strata.identity.key-used.v1' and key = $1`,
          [keyId],
        )
      ).rows[0].n,
    );

  beforeAll(async () => {
    await db.connect();
    admin = await apiAs('admin');
    institution = await memberWithRole(admin, 'institution-admin');
  });

  afterAll(async () => {
    await restartAppWith('identity', originalEnv);
    await db.end();
  });

  it('makes a new DID key in the software keystore and audits every credential it signs', async () => {
    const did = await createDid(institution.api, 'P-256');
    expect(did).toMatchObject({
      custody: 'software',
      signerRoles: ['institution-admin', 'operator'],
    });
    const key = await keyOf(did.id);
    expect(key).toMatchObject({ custody: 'software', sealed: null });
    expect(key.material).toMatch(/^v1\./);

    const issued = await issue(institution.api, did.id);
    expect((await verify(issued.jwt)).verified).toBe(true);
    const usages = await usagesOf(key.key_id!);
    expect(usages).toEqual([
      {
        purpose: 'jws',
        actor_organisation_id: institution.organisationId,
        reason: `issue credential ${issued.id}`,
      },
    ]);
    expect(await keyUsedEvents(key.key_id!)).toBe(1);
  });

  it("refuses with 403 a member whose role is not among the key's signer roles, storing nothing", async () => {
    const did = await createDid(institution.api, 'Ed25519', ['institution-admin']);
    const username = `op-${randomUUID().slice(0, 8)}`;
    await createUser({
      username,
      password: 'strata-test',
      roles: ['operator'],
      organisationId: institution.organisationId,
    });
    const operator = await apiAs(username, 'strata-test');
    const refused = await problemOf(issue(operator, did.id));
    expect(refused.status).toBe(403);
    expect(refused.contentType).toContain('application/problem+json');
    const { key_id: keyId } = await keyOf(did.id);
    expect(await usagesOf(keyId!)).toEqual([]);
    expect(await keyUsedEvents(keyId!)).toBe(0);
    const issued = await issue(institution.api, did.id);
    expect((await verify(issued.jwt)).verified).toBe(true);
  });

  it('rejects bad signer roles with a 400 problem and creates no key', async () => {
    const before = Number(
      (await db.query('select count(*) as n from identity.custody_key')).rows[0].n,
    );
    for (const signerRoles of [[], ['auditor'], ['operator', 'operator'], ['root']]) {
      const response = await raw(
        institution.api,
        'POST',
        '/api/v1/identifiers',
        { method: 'key', keyType: 'Ed25519', signerRoles },
        { 'idempotency-key': randomUUID() },
      );
      expect(response.status).toBe(400);
    }
    expect(
      Number((await db.query('select count(*) as n from identity.custody_key')).rows[0].n),
    ).toBe(before);
  });

  it('with STRATA_KEYVAULT=pkcs11 makes DID keys on the token that issue verifiable credentials; legacy and software DIDs keep signing', async () => {
    const softwareDid = await createDid(institution.api, 'secp256k1');
    const legacyDid = await insertLegacyDid(db, institution.organisationId);

    await restartAppWith('identity', {
      ...originalEnv,
      STRATA_KEYVAULT: 'pkcs11',
      STRATA_PKCS11_MODULE: token.modulePath,
      STRATA_PKCS11_TOKEN_LABEL: token.tokenLabel,
      STRATA_PKCS11_PIN: token.pin,
      SOFTHSM2_CONF: token.conf,
    });

    const legacy = await keyOf(legacyDid);
    expect(legacy).toMatchObject({ custody: 'software', sealed: null });
    expect(legacy.key_id).not.toBeNull();

    const onToken = await Pkcs11Token.open(token);
    try {
      for (const keyType of ['secp256k1', 'P-256', 'Ed25519'] as const) {
        const did = await createDid(institution.api, keyType);
        expect(did.custody).toBe('pkcs11');
        const key = await keyOf(did.id);
        expect(key.custody).toBe('pkcs11');
        expect(onToken.privateKeyFlags(Buffer.from(key.material, 'hex'))).toEqual({
          sensitive: true,
          extractable: false,
        });
        const issued = await issue(institution.api, did.id);
        expect(await verify(issued.jwt)).toMatchObject({ verified: true, problems: [] });
        expect(await usagesOf(key.key_id!)).toHaveLength(1);
      }
    } finally {
      onToken.close();
    }
    for (const did of [softwareDid.id, legacyDid]) {
      const issued = await issue(institution.api, did);
      expect((await verify(issued.jwt)).verified).toBe(true);
    }
    const resolved = await new IdentifiersApi(configurationOf(admin)).resolveDid({
      did: legacyDid,
    });
    expect(resolved.didDocument).toMatchObject({ id: legacyDid });
  });
});

/** A DID as identity stored it before key custody: its private key sealed in managed_did. */
async function insertLegacyDid(db: pg.Client, organisationId: string): Promise<string> {
  const privateKey = generatePrivateKey('Ed25519');
  const { did } = encodeDidKey('Ed25519', publicKeyOf('Ed25519', privateKey));
  const sealed = new KeyEncryption(LOCAL_IDENTITY_KEYSTORE_PASSPHRASE).seal(privateKey, {
    keyId: did,
    address: did,
  });
  await db.query(
    `insert into identity.managed_did (did, key_type, organisation_id, sealed_private_key, created_by, created_at)
     values ($1, 'Ed25519', $2, $3, 'legacy-test', now())`,
    [did, organisationId, sealed],
  );
  return did;
}
