/**
 * Revocation and suspension with Bitstring Status Lists end to end on the real stack, through
 * the generated SDK: issued credentials carry their status entries, the issuer's organisation
 * changes their status, the public status list credential shows it and verify reports it.
 */
import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { Client } from 'pg';
import { Configuration, CredentialsApi, IdentifiersApi } from '@strata/sdk';
import { readE2eRun } from '@strata/testing';
import { apiAs, type Api, problemOf } from './support/api';
import { memberWithRole } from './support/ledger';

const credentialsOf = (api: Api): CredentialsApi =>
  new CredentialsApi(
    new Configuration({ basePath: api.baseUrl, accessToken: async () => api.token }),
  );

const payloadOf = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()) as Record<string, unknown>;

interface StatusEntry {
  statusPurpose: string;
  statusListIndex: string;
  statusListCredential: string;
}

async function statusEvents(credentialId: string): Promise<number> {
  const client = new Client({ connectionString: readE2eRun().databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select count(*)::int as n from identity.outbox_message where topic like '%strata.identity.credential-status-changed.v1' and envelope::text like $1`,
      [`%${credentialId}%`],
    );
    return (rows[0] as { n: number }).n;
  } finally {
    await client.end();
  }
}

describe('identity: bitstring status lists, end to end', () => {
  let admin: Api;
  let institution: { api: Api; organisationId: string };
  let other: { api: Api; organisationId: string };
  let issuer: string;

  beforeAll(async () => {
    admin = await apiAs('admin');
    institution = await memberWithRole(admin, 'institution-admin');
    other = await memberWithRole(admin, 'institution-admin');
    const configuration = new Configuration({
      basePath: institution.api.baseUrl,
      accessToken: async () => institution.api.token,
    });
    issuer = (
      await new IdentifiersApi(configuration).createDid({
        createDid: { method: 'key', keyType: 'secp256k1' },
      })
    ).id;
  });

  const issue = () =>
    credentialsOf(institution.api).issueCredential({
      issueCredential: { issuer, types: ['PermitCredential'], claims: { permit: 'P-1' } },
      idempotencyKey: randomUUID(),
    });
  const verify = (jwt: string) =>
    credentialsOf(admin).verifyCredential({ verifyCredential: { credential: jwt } });
  const change = (
    credentialId: string,
    action: 'revoke' | 'suspend' | 'unsuspend',
    api = institution.api,
  ) =>
    credentialsOf(api).changeCredentialStatus({
      changeCredentialStatus: { credentialId, action },
      idempotencyKey: randomUUID(),
    });

  async function listBit(entry: StatusEntry): Promise<boolean> {
    const id = entry.statusListCredential.split('/').pop() as string;
    // Public: no token needed.
    const response = await fetch(`${admin.baseUrl}/api/v1/status-lists/${id}`);
    expect(response.status).toBe(200);
    const list = (await response.json()) as { jwt: string; statusPurpose: string };
    expect(list.statusPurpose).toBe(entry.statusPurpose);
    expect((await verify(list.jwt)).verified).toBe(true);
    const subject = (
      payloadOf(list.jwt).vc as { credentialSubject: { type: string; encodedList: string } }
    ).credentialSubject;
    expect(subject.type).toBe('BitstringStatusList');
    const bits = gunzipSync(Buffer.from(subject.encodedList.slice(1), 'base64url'));
    expect(bits.length).toBe(131_072 / 8);
    const index = Number(entry.statusListIndex);
    return ((bits[index >> 3] >> (7 - (index & 7))) & 1) === 1;
  }

  it('issues credentials with revocation and suspension entries at distinct indexes', async () => {
    const first = payloadOf((await issue()).jwt).vc as { credentialStatus: StatusEntry[] };
    const second = payloadOf((await issue()).jwt).vc as { credentialStatus: StatusEntry[] };
    expect(first.credentialStatus.map((e) => e.statusPurpose)).toEqual([
      'revocation',
      'suspension',
    ]);
    expect(first.credentialStatus[0].statusListIndex).not.toBe(
      second.credentialStatus[0].statusListIndex,
    );
    expect(await listBit(first.credentialStatus[0])).toBe(false);
  });

  it('verifies an issued credential, then fails it with reason "revoked" after revocation', async () => {
    const issued = await issue();
    expect(await verify(issued.jwt)).toMatchObject({ verified: true, problems: [] });

    const changed = await change(issued.id, 'revoke');
    expect(changed).toMatchObject({ id: issued.id, status: 'revoked' });
    const result = await verify(issued.jwt);
    expect(result.verified).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({ check: 'status', code: 'revoked' }),
    ]);
    const entries = (payloadOf(issued.jwt).vc as { credentialStatus: StatusEntry[] })
      .credentialStatus;
    expect(await listBit(entries[0])).toBe(true);
    expect(await statusEvents(issued.id)).toBe(1);
    expect((await problemOf(change(issued.id, 'unsuspend'))).status).toBe(409);
  });

  it('suspends and lifts a suspension', async () => {
    const issued = await issue();
    await change(issued.id, 'suspend');
    expect((await verify(issued.jwt)).problems.map((p) => p.code)).toEqual(['suspended']);
    await change(issued.id, 'unsuspend');
    expect((await verify(issued.jwt)).verified).toBe(true);
  });

  it("lets no other organisation change a credential's status", async () => {
    const issued = await issue();
    expect((await problemOf(change(issued.id, 'revoke', other.api))).status).toBe(404);
    expect((await verify(issued.jwt)).verified).toBe(true);
    expect(await statusEvents(issued.id)).toBe(0);
  });
});
