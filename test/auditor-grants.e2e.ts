/**
 * Time-boxed auditor grants end to end: a platform administrator grants a fresh auditor user read
 * access to one organisation and one network; the gateway lets the auditor read exactly those
 * (organisation, network and every network read: nodes, proposals, explorer, transactions,
 * monitoring, …) and refuses others with 403; the audit log shows the auditor only the entries
 * concerning what the grants cover (proofs of others 403, an export with the others redacted that
 * the offline verifier still checks); lists are narrowed before paging (full pages, exact
 * totals); a grant ends by itself at its expiry (403 afterwards) and by revocation; every grant
 * and revocation is an event on Kafka; bad grants get problem+json and nothing is stored.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { AuditorGrantsApi, Configuration } from '@strata/sdk';
import { KafkaBus } from '@strata/bus';
import { type AuditEntry, AuditorGrantTopics, type Envelope, Topics } from '@strata/contracts';
import { createUser, readE2eRun } from '@strata/testing';
import { apiAs, type Api, gatewayUrl, problemOf, raw, uniqueName } from './support/api';
import { auditLogApi, exportedAuditLog, verifyAuditExport } from './support/audit-log';
import { runBus } from './support/bus-harness';
import { eventually } from './support/eventually';

const grantsApi = (token: string) =>
  new AuditorGrantsApi(
    new Configuration({ basePath: gatewayUrl(), accessToken: async () => token }),
  );
const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000);
const ORGANISATION_REGISTERED = Topics.platformMgmt.organisationRegistered;

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
    bus = await runBus('gateway');
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

  it('narrows the audit log to the grants: entries, proofs, and an export with the rest redacted', async () => {
    for (const path of [
      'entries',
      'anchors',
      'anchoring',
      'export?toSequence=1',
      'entries/1/proof',
    ]) {
      const refused = await raw(auditor, 'GET', `/api/v1/audit-log/${path}`);
      expect({ path, status: refused.status }).toEqual({ path, status: 403 });
      expect(refused.contentType).toMatch(/application\/problem\+json/);
    }
    const adminLog = auditLogApi(admin);
    // Each registration is logged with the organisation or network it registered.
    const registration = (scope: { organisationId: string } | { networkId: string }) =>
      eventually(
        async () => {
          const topic =
            'organisationId' in scope
              ? ORGANISATION_REGISTERED
              : Topics.platformMgmt.networkRegistered;
          const page = await adminLog.listAuditEntries({ ...scope, topic });
          return page.total === 1 ? page.items[0] : undefined;
        },
        `the registration of ${JSON.stringify(scope)} in the audit log`,
      );
    const inside = [
      await registration({ organisationId: organisations[0] }),
      await registration({ networkId: networks[0] }),
    ];
    const outside = [
      await registration({ organisationId: organisations[1] }),
      await registration({ networkId: networks[1] }),
    ];
    const grant = await adminGrants.grantAuditorAccess({
      idempotencyKey: randomUUID(),
      grantAuditorAccess: {
        auditorSubject,
        organisationIds: [organisations[0]],
        networkIds: [networks[0]],
        expiresAt: inSeconds(600),
      },
    });
    try {
      const read = async (path: string) => {
        const response = await raw(auditor, 'GET', `/api/v1/audit-log/${path}`);
        expect({ path, status: response.status }).toEqual({ path, status: 200 });
        return response.body as unknown as { items: AuditEntry[]; total: number };
      };
      const organisationsLogged = await read(`entries?topic=${ORGANISATION_REGISTERED}&limit=100`);
      expect(organisationsLogged.items.map((e) => e.sequence)).toEqual([inside[0].sequence]);
      expect(organisationsLogged.total).toBe(1);
      const networksLogged = await read(
        `entries?topic=${Topics.platformMgmt.networkRegistered}&limit=100`,
      );
      expect(networksLogged.items.map((e) => e.sequence)).toEqual([inside[1].sequence]);
      const everything = await read('entries?limit=100');
      expect(everything.items.length).toBeGreaterThanOrEqual(2);
      for (const entry of everything.items) {
        expect(entry.organisationId === organisations[0] || entry.networkId === networks[0]).toBe(
          true,
        );
      }
      expect((await read(`entries?organisationId=${organisations[1]}`)).total).toBe(0);
      expect((await read('anchors')).total).toBeGreaterThanOrEqual(0);

      const proof = await raw(
        auditor,
        'GET',
        `/api/v1/audit-log/entries/${inside[0].sequence}/proof`,
      );
      expect(proof.status).toBe(200);
      expect((proof.body.entry as AuditEntry).hash).toBe(inside[0].hash);
      for (const entry of outside) {
        const refused = await raw(
          auditor,
          'GET',
          `/api/v1/audit-log/entries/${entry.sequence}/proof`,
        );
        expect(refused.status).toBe(403);
        expect(refused.contentType).toMatch(/application\/problem\+json/);
        expect(refused.body.type).toBe('urn:strata:problem:forbidden');
      }

      // The whole log from entry 1, so every anchor's range is complete in the document.
      const document = await exportedAuditLog(auditor);
      const bySequence = new Map(document.entries.map((e) => [e.sequence, e]));
      for (const entry of inside) {
        // The SDK read it with occurredAt as a Date; the raw export keeps the ISO text.
        expect(bySequence.get(entry.sequence)).toEqual({
          ...entry,
          occurredAt: entry.occurredAt.toISOString(),
        });
      }
      for (const entry of outside) {
        expect(bySequence.get(entry.sequence)).toEqual({
          sequence: entry.sequence,
          redacted: true,
          previousHash: entry.previousHash,
          hash: entry.hash,
        });
      }
      const verified = await verifyAuditExport(document);
      expect(verified.output).toMatch(/entries are redacted/);
      expect(verified.output).toMatch(/VERIFIED: \d+ entries/);
      expect(verified.code).toBe(0);
    } finally {
      await adminGrants.revokeAuditorGrant({ grantId: grant.id, idempotencyKey: randomUUID() });
    }
  }, 300_000);

  it("pages an auditor's lists after narrowing them to the grants: full pages, exact totals", async () => {
    const register = async (label: string) => {
      const organisation = await admin.organisations.registerOrganisation({
        registerOrganisation: { name: uniqueName(label), country: 'DE' },
      });
      const network = await admin.networks.registerNetwork({
        registerNetwork: {
          name: uniqueName(label),
          memberOrganisationIds: [organisation.id],
          rpcUrl: readE2eRun().anvilRpcUrl,
        },
      });
      return { organisationId: organisation.id, networkId: network.id };
    };
    const granted = [];
    for (let i = 0; i < 3; i += 1) granted.push(await register(`Granted ${i}`));
    await register('Not granted'); // beside organisations[0..1] and networks[0..1], also not granted
    const grant = await adminGrants.grantAuditorAccess({
      idempotencyKey: randomUUID(),
      grantAuditorAccess: {
        auditorSubject,
        organisationIds: granted.map((g) => g.organisationId),
        networkIds: granted.map((g) => g.networkId),
        expiresAt: inSeconds(600),
      },
    });
    try {
      const pages = async (path: string) => {
        const first = await raw(auditor, 'GET', `${path}${path.includes('?') ? '&' : '?'}limit=2`);
        const second = await raw(
          auditor,
          'GET',
          `${path}${path.includes('?') ? '&' : '?'}limit=2&offset=2`,
        );
        expect([first.status, second.status]).toEqual([200, 200]);
        const [a, b] = [first.body, second.body] as unknown as {
          items: { id?: string; sequence?: number }[];
          total: number;
        }[];
        return {
          sizes: [a.items.length, b.items.length],
          totals: [a.total, b.total],
          items: [...a.items, ...b.items],
        };
      };
      const organisationPages = await pages('/api/v1/organisations');
      expect(organisationPages).toMatchObject({ sizes: [2, 1], totals: [3, 3] });
      expect(new Set(organisationPages.items.map((o) => o.id))).toEqual(
        new Set(granted.map((g) => g.organisationId)),
      );
      const networkPages = await pages('/api/v1/networks');
      expect(networkPages).toMatchObject({ sizes: [2, 1], totals: [3, 3] });
      expect(new Set(networkPages.items.map((n) => n.id))).toEqual(
        new Set(granted.map((g) => g.networkId)),
      );
      // The audit log: the three granted organisations' registrations, once all are logged.
      const logged = await eventually(async () => {
        const found = await pages(`/api/v1/audit-log/entries?topic=${ORGANISATION_REGISTERED}`);
        return found.totals[0] === 3 ? found : undefined;
      }, 'the granted registrations in the audit log');
      expect(logged).toMatchObject({ sizes: [2, 1], totals: [3, 3] });
      expect(new Set((logged.items as AuditEntry[]).map((e) => e.organisationId))).toEqual(
        new Set(granted.map((g) => g.organisationId)),
      );
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
