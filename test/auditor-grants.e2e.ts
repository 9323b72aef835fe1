/**
 * Time-boxed auditor grants end to end: a platform administrator grants a fresh auditor user read
 * access to one organisation and one network; the gateway lets the auditor read exactly those
 * (organisation, network, its transactions, its monitoring) and refuses others with 403; a grant
 * ends by itself at its expiry (403 afterwards) and by revocation; every grant and revocation is
 * an event on Kafka; bad grants get problem+json and nothing is stored.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { AuditorGrantsApi, Configuration } from '@strata/sdk';
import { KafkaBus } from '@strata/bus';
import { AuditorGrantTopics, type Envelope } from '@strata/contracts';
import { createUser, readE2eRun } from '@strata/testing';
import { apiAs, type Api, gatewayUrl, problemOf, raw, uniqueName } from './support/api';
import { silentLogger } from './support/bus-harness';
import { eventually } from './support/eventually';

const grantsApi = (token: string) =>
  new AuditorGrantsApi(
    new Configuration({ basePath: gatewayUrl(), accessToken: async () => token }),
  );
const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000);

describe('time-boxed auditor grants', () => {
  let admin: Api;
  let adminGrants: AuditorGrantsApi;
  let auditor: Api;
  let auditorSubject: string;
  let organisations: string[];
  let networks: string[];
  let bus: KafkaBus;
  const events: Envelope[] = [];

  beforeAll(async () => {
    admin = await apiAs('admin');
    adminGrants = grantsApi(admin.token);
    const username = `aud-${randomUUID().slice(0, 8)}`;
    auditorSubject = (await createUser({ username, password: 'strata-test', roles: ['auditor'] }))
      .id;
    auditor = await apiAs(username, 'strata-test');
    organisations = [];
    for (let i = 0; i < 2; i += 1) {
      organisations.push(
        (
          await admin.organisations.registerOrganisation({
            registerOrganisation: { name: uniqueName(`Audited body ${i}`), country: 'AT' },
          })
        ).id,
      );
    }
    networks = [];
    for (const organisationId of organisations) {
      networks.push(
        (
          await admin.networks.registerNetwork({
            registerNetwork: {
              name: uniqueName('Audited network'),
              memberOrganisationIds: [organisationId],
              rpcUrl: readE2eRun().anvilRpcUrl,
            },
          })
        ).id,
      );
    }
    const run = readE2eRun();
    bus = new KafkaBus(
      {
        app: 'gateway',
        brokers: run.kafkaBrokers.split(','),
        topicPrefix: run.topicPrefix,
        instanceId: randomUUID(),
      },
      silentLogger,
    );
    await bus.connect();
    const topics = [
      AuditorGrantTopics.auditorAccessGranted,
      AuditorGrantTopics.auditorGrantRevoked,
    ];
    await bus.ensureTopics(topics);
    const consumer = bus.consumer(`auditor-grants-e2e-${randomUUID()}`);
    await consumer.connect();
    await consumer.subscribe({ topics: topics.map((t) => bus.wireName(t)), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        events.push(JSON.parse(message.value?.toString('utf8') ?? '{}') as Envelope);
      },
    });
    closers.push(() => consumer.disconnect());
  });

  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closers) await close().catch(() => undefined);
    await bus?.disconnect();
  });

  const status = async (path: string) => (await raw(auditor, 'GET', path)).status;

  it('refuses an auditor without a grant and lets them read exactly what a grant covers', async () => {
    expect(await status(`/api/v1/organisations/${organisations[0]}`)).toBe(403);
    expect(await status(`/api/v1/networks/${networks[0]}`)).toBe(403);
    expect(await status('/api/v1/organisations')).toBe(403);

    const grant = await adminGrants.grantAuditorAccess({
      idempotencyKey: randomUUID(),
      grantAuditorAccess: {
        auditorSubject,
        organisationIds: [organisations[0]],
        networkIds: [networks[0]],
        expiresAt: inSeconds(600),
        reason: 'Annual audit 2026',
      },
    });
    expect(grant).toMatchObject({ status: 'active', auditorSubject, revokedAt: null });

    expect(await status(`/api/v1/organisations/${organisations[0]}`)).toBe(200);
    expect(await status(`/api/v1/networks/${networks[0]}`)).toBe(200);
    // The grant lets the read through to the ledger, which answers a global reader.
    expect(await status(`/api/v1/networks/${networks[0]}/transactions`)).toBe(200);
    expect(await status(`/api/v1/networks/${networks[0]}/monitoring`)).toBe(200);
    expect(await status(`/api/v1/organisations/${organisations[1]}`)).toBe(403);
    expect(await status(`/api/v1/networks/${networks[1]}`)).toBe(403);
    expect(await status(`/api/v1/networks/${networks[1]}/transactions`)).toBe(403);
    const listed = await raw(auditor, 'GET', '/api/v1/networks?limit=100');
    expect(listed.status).toBe(200);
    const ids = (listed.body.items as { id: string }[]).map((item) => item.id);
    expect(ids).not.toContain(networks[1]);
    const own = await grantsApi(auditor.token).getAuditorAccess();
    expect(own).toMatchObject({ networkIds: [networks[0]], organisationIds: [organisations[0]] });

    const revoked = await adminGrants.revokeAuditorGrant({
      grantId: grant.id,
      idempotencyKey: randomUUID(),
    });
    expect(revoked.status).toBe('revoked');
    expect(await status(`/api/v1/networks/${networks[0]}`)).toBe(403);
    const again = await problemOf(
      adminGrants.revokeAuditorGrant({ grantId: grant.id, idempotencyKey: randomUUID() }),
    );
    expect(again.status).toBe(409);

    const audited = await eventually(() => {
      const mine = events
        .filter((e) => (e.payload as { id?: string }).id === grant.id)
        .map((e) => e.type);
      return mine.length >= 2 ? mine : undefined;
    }, 'the grant and revocation events');
    // Two topics: Kafka orders messages per partition only, so compare as sets.
    expect(new Set(audited)).toEqual(
      new Set([AuditorGrantTopics.auditorAccessGranted, AuditorGrantTopics.auditorGrantRevoked]),
    );
  });

  it('ends access by itself at the expiry: an expired grant gets 403', async () => {
    const grant = await adminGrants.grantAuditorAccess({
      idempotencyKey: randomUUID(),
      grantAuditorAccess: { auditorSubject, networkIds: [networks[1]], expiresAt: inSeconds(8) },
    });
    expect(await status(`/api/v1/networks/${networks[1]}`)).toBe(200);
    await eventually(
      async () => (await status(`/api/v1/networks/${networks[1]}`)) === 403,
      'the grant to expire',
    );
    const expired = await adminGrants.getAuditorGrant({ grantId: grant.id });
    expect(expired.status).toBe('expired');
    expect(
      (
        await problemOf(
          adminGrants.revokeAuditorGrant({ grantId: grant.id, idempotencyKey: randomUUID() }),
        )
      ).status,
    ).toBe(409);
  });

  it('scopes every network read endpoint: 403 outside the grant, answered inside it', async () => {
    const missing = randomUUID();
    const txHash = `0x${'0'.repeat(64)}`;
    // path under /api/v1/networks/{id} -> status with a grant on the network
    const reads: [string, number][] = [
      ['', 200],
      ['/nodes', 200],
      ['/proposals', 200],
      [`/proposals/${missing}`, 404],
      ['/provisioning', 404],
      // The caller organisation's master account: an auditor has none.
      ['/master-account', 404],
      [`/master-account/actions/${missing}`, 404],
      ['/event-listeners', 200],
      [`/event-listeners/${missing}`, 404],
      ['/event-streams', 200],
      [`/event-streams/${missing}`, 404],
      [`/event-streams/${missing}/dead-letters`, 404],
      ['/explorer/blocks?limit=1', 200],
      ['/explorer/blocks/0', 200],
      [`/explorer/transactions/${txHash}`, 404],
      ['/explorer/events?fromBlock=0&toBlock=0', 200],
      ['/explorer/search?q=0', 200],
      ['/accounts', 200],
      [`/transactions/${missing}`, 404],
      ['/monitoring', 200],
      ['/monitoring/settings', 200],
      [`/monitoring/nodes/${missing}`, 404],
      ['/alerts', 200],
    ];
    const grant = await adminGrants.grantAuditorAccess({
      idempotencyKey: randomUUID(),
      grantAuditorAccess: { auditorSubject, networkIds: [networks[0]], expiresAt: inSeconds(600) },
    });
    try {
      const answered: Record<string, number> = {};
      const refused: Record<string, number> = {};
      for (const [path] of reads) {
        answered[path] = await status(`/api/v1/networks/${networks[0]}${path}`);
        const outside = await raw(auditor, 'GET', `/api/v1/networks/${networks[1]}${path}`);
        refused[path] = outside.status;
        expect(outside.contentType).toMatch(/application\/problem\+json/);
        expect(outside.body.type).toBe('urn:strata:problem:forbidden');
      }
      expect(answered).toEqual(Object.fromEntries(reads));
      expect(refused).toEqual(Object.fromEntries(reads.map(([path]) => [path, 403])));
      // The SSE stream is refused before it opens (an allowed one would stay open).
      expect(await status(`/api/v1/networks/${networks[1]}/transactions/stream`)).toBe(403);
    } finally {
      await adminGrants.revokeAuditorGrant({ grantId: grant.id, idempotencyKey: randomUUID() });
    }
  });

  it('refuses bad grants with problem+json and stores nothing; only platform administrators grant', async () => {
    const before = (await adminGrants.listAuditorGrants({ auditorSubject, limit: 100 })).total;
    const post = (body: object) =>
      raw(admin, 'POST', '/api/v1/auditor-grants', body, { 'idempotency-key': randomUUID() });
    const unknownOrg = await post({
      auditorSubject,
      organisationIds: [randomUUID()],
      expiresAt: inSeconds(600),
    });
    expect(unknownOrg.status).toBe(422);
    expect(unknownOrg.contentType).toMatch(/application\/problem\+json/);
    expect(unknownOrg.body.type).toBe('urn:strata:problem:unknown-organisation');
    const unknownNetwork = await post({
      auditorSubject,
      networkIds: [randomUUID()],
      expiresAt: inSeconds(600),
    });
    expect(unknownNetwork.body.type).toBe('urn:strata:problem:unknown-network');
    const past = await post({
      auditorSubject,
      networkIds: [networks[0]],
      expiresAt: inSeconds(-60),
    });
    expect(past.status).toBe(422);
    expect(past.body.type).toBe('urn:strata:problem:expiry-passed');
    for (const body of [
      { auditorSubject, expiresAt: inSeconds(600) },
      { auditorSubject, networkIds: ['not-a-uuid'], expiresAt: inSeconds(600) },
      { auditorSubject, networkIds: [networks[0], networks[0]], expiresAt: inSeconds(600) },
      { auditorSubject: '', networkIds: [networks[0]], expiresAt: inSeconds(600) },
      { auditorSubject, networkIds: [networks[0]], expiresAt: 'tomorrow' },
    ]) {
      const refused = await post(body);
      expect(refused.status).toBe(400);
      expect(refused.contentType).toMatch(/application\/problem\+json/);
    }
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          auditorSubject: fc.oneof(fc.constant(''), fc.string({ minLength: 256, maxLength: 300 })),
          networkIds: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
          expiresAt: fc.string({ maxLength: 12 }),
        }),
        async (body) => expect((await post(body)).status).toBe(400),
      ),
      { numRuns: 10 },
    );
    const forbidden = await problemOf(
      grantsApi(auditor.token).grantAuditorAccess({
        idempotencyKey: randomUUID(),
        grantAuditorAccess: {
          auditorSubject,
          networkIds: [networks[0]],
          expiresAt: inSeconds(600),
        },
      }),
    );
    expect(forbidden.status).toBe(403);
    expect((await adminGrants.listAuditorGrants({ auditorSubject, limit: 100 })).total).toBe(
      before,
    );
  });
});
