/**
 * Issuance policies by eIDAS level of assurance on the real stack: identity runs with
 * STRATA_IDENTITY_ISSUANCE_POLICIES requiring `substantial` for one credential type; a member who
 * logged in with a password (Keycloak acr "1", eIDAS low) is refused that type with a 403 problem
 * and nothing is signed or published, and still issues unregulated types. Identity is restarted
 * with its run settings afterwards.
 */
import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import pg from 'pg';
import { Configuration, CredentialsApi, IdentifiersApi } from '@strata/sdk';
import { readE2eRun } from '@strata/testing';
import { apiAs, type Api, problemOf } from './support/api';
import { memberWithRole } from './support/ledger';
import { restartAppWith } from './support/restart';

const configurationOf = (api: Api) =>
  new Configuration({ basePath: api.baseUrl, accessToken: async () => api.token });

describe('identity: issuance policies by level of assurance, end to end', () => {
  const originalEnv = readE2eRun().apps.identity?.env ?? {};
  const db = new pg.Client({ connectionString: readE2eRun().databaseUrl });
  let institution: { api: Api; organisationId: string };
  let issuer: string;

  const issue = (type: string) =>
    new CredentialsApi(configurationOf(institution.api)).issueCredential({
      issueCredential: { issuer, types: [type], claims: { reference: 'R-1' } },
      idempotencyKey: randomUUID(),
    });
  const count = async (sql: string, value: string) =>
    Number((await db.query<{ n: string }>(sql, [value])).rows[0].n);

  beforeAll(async () => {
    await db.connect();
    await restartAppWith('identity', {
      ...originalEnv,
      STRATA_IDENTITY_ISSUANCE_POLICIES: JSON.stringify({
        NotarialDeedCredential: 'substantial',
        PermitCredential: 'low',
      }),
    });
    institution = await memberWithRole(await apiAs('admin'), 'institution-admin');
    issuer = (
      await new IdentifiersApi(configurationOf(institution.api)).createDid({
        createDid: { method: 'key', keyType: 'Ed25519' },
      })
    ).id;
  });

  afterAll(async () => {
    await restartAppWith('identity', originalEnv);
    await db.end();
  });

  it('refuses a type that needs substantial to a password login (eIDAS low) with 403, signing and publishing nothing', async () => {
    expect(decodeJwt(institution.api.token).acr).toBe('1');
    const events = () =>
      count(
        `select count(*) as n from identity.outbox_message where topic like '%strata.identity.credential-issued.v1' and key = $1`,
        issuer,
      );
    const signatures = () =>
      count(
        `select count(*) as n from identity.key_usage u join identity.managed_did d on d.key_id = u.key_id where d.did = $1`,
        issuer,
      );
    const refused = await problemOf(issue('NotarialDeedCredential'));
    expect(refused.status).toBe(403);
    expect(refused.contentType).toContain('application/problem+json');
    expect(refused.problem).toMatchObject({
      type: 'urn:strata:problem:insufficient-level-of-assurance',
    });
    expect(String(refused.problem.detail)).toContain('substantial');
    expect(await events()).toBe(0);
    expect(await signatures()).toBe(0);

    const permit = await issue('PermitCredential');
    expect(permit.types).toEqual(['VerifiableCredential', 'PermitCredential']);
    expect(await events()).toBe(1);
    expect(await signatures()).toBe(1);
  });
});
