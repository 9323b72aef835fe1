/**
 * The identity layer's DIDs end to end on the real stack, through the generated SDK:
 * gateway -> Kafka -> identity (did:key created with a platform-held sealed key, resolved in
 * the W3C DID Resolution form), with real Keycloak tokens.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Client } from 'pg';
import { Configuration, IdentifiersApi } from '@strata/sdk';
import { readE2eRun } from '@strata/testing';
import { apiAs, type Api, gatewayUrl, problemOf, raw } from './support/api';
import { eventually } from './support/eventually';
import { memberWithRole } from './support/ledger';

const identifiersOf = (api: Api): IdentifiersApi =>
  new IdentifiersApi(
    new Configuration({ basePath: api.baseUrl, accessToken: async () => api.token }),
  );

async function query<T>(sql: string, params: unknown[]): Promise<T[]> {
  const client = new Client({ connectionString: readE2eRun().databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('identity: did:key, end to end', () => {
  let admin: Api;
  let institution: { api: Api; organisationId: string };

  beforeAll(async () => {
    admin = await apiAs('admin');
    institution = await memberWithRole(admin, 'institution-admin');
  });

  it.each(['secp256k1', 'P-256', 'Ed25519'] as const)(
    "creates a %s did:key for the caller's organisation, keeps its key sealed in the software keystore and resolves it",
    async (keyType) => {
      const identifiers = identifiersOf(institution.api);
      const created = await identifiers.createDid({
        createDid: { method: 'key', keyType },
        idempotencyKey: randomUUID(),
      });
      expect(created).toMatchObject({
        method: 'key',
        keyType,
        organisationId: institution.organisationId,
      });
      expect(created.id).toMatch(/^did:key:z/);

      const resolved = await identifiersOf(admin).resolveDid({ did: created.id });
      const document = resolved.didDocument as Record<string, unknown>;
      const vm = document.verificationMethod as { id: string; type: string }[];
      expect(document.id).toBe(created.id);
      expect(vm[0].type).toBe('Multikey');
      expect(document.assertionMethod).toEqual([vm[0].id]);
      expect(resolved.didResolutionMetadata.contentType).toBe('application/did+ld+json');

      const [row] = await query<{ material: string; custody: string; organisation_id: string }>(
        `select k.material, k.custody, d.organisation_id from identity.managed_did d
           join identity.custody_key k on k.id = d.key_id where d.did = $1`,
        [created.id],
      );
      expect(row.organisation_id).toBe(institution.organisationId);
      expect(row.custody).toBe('software');
      expect(row.material).toMatch(/^v1\./);

      await eventually(
        async () =>
          (
            await query(
              `select 1 from identity.outbox_message where topic like '%strata.identity.did-created.v1' and key = $1 and published_at is not null`,
              [created.id],
            )
          ).length === 1 || undefined,
        'the did-created event to leave through the outbox',
      );
    },
  );

  it('resolves a did:key the platform does not hold (the spec test vector)', async () => {
    const did = 'did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme';
    const resolved = await (
      await fetch(`${gatewayUrl()}/api/v1/identifiers/${encodeURIComponent(did)}`)
    ).json();
    expect(resolved.didDocument.id).toBe(did);
  });

  it('answers invalidDid and methodNotSupported as problem+json', async () => {
    const identifiers = identifiersOf(admin);
    const malformed = await problemOf(identifiers.resolveDid({ did: 'did:key:not-base58-0OIl' }));
    expect(malformed).toMatchObject({
      status: 400,
      problem: { type: 'urn:strata:problem:invalidDid' },
    });
    expect(malformed.contentType).toContain('application/problem+json');
    const otherMethod = await problemOf(identifiers.resolveDid({ did: 'did:web:example.org' }));
    expect(otherMethod).toMatchObject({
      status: 400,
      problem: { type: 'urn:strata:problem:methodNotSupported' },
    });
  });

  it('never answers a 500 to random strings in the DID position', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ minLength: 1 }),
          fc.string({ minLength: 1 }).map((s) => `did:key:z${s}`),
        ),
        async (input) => {
          const response = await raw(
            admin,
            'GET',
            `/api/v1/identifiers/${encodeURIComponent(input)}`,
          );
          expect(response.status).toBeLessThan(500);
          if (response.status !== 200) {
            expect(response.contentType).toContain('application/problem+json');
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses bad input and callers without an organisation role, storing nothing', async () => {
    const before = await query<{ n: string }>('select count(*) as n from identity.managed_did', []);
    const bad = await raw(
      institution.api,
      'POST',
      '/api/v1/identifiers',
      { method: 'key', keyType: 'RSA' },
      { 'idempotency-key': randomUUID() },
    );
    expect(bad.status).toBe(400);
    expect(bad.contentType).toContain('application/problem+json');
    const auditor = await problemOf(
      identifiersOf(await apiAs('auditor')).createDid({
        createDid: { method: 'key', keyType: 'Ed25519' },
      }),
    );
    expect(auditor.status).toBe(403);
    const after = await query<{ n: string }>('select count(*) as n from identity.managed_did', []);
    expect(after[0].n).toBe(before[0].n);
  });
});
