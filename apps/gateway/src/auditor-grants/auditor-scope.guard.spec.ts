/** Auditor reads go through the grant check: granted resources pass, others get 403 problem+json. */
import { randomUUID } from 'node:crypto';
import { AuditorGrantTopics, type AuditorAccess, type Role, Topics } from '@strata/contracts';
import { startGateway, type GatewayHarness } from '../testing/gateway-harness';

const granted = randomUUID();
const other = randomUUID();
const access = (networkIds: string[], organisationIds: string[] = []): AuditorAccess => ({
  auditorSubject: 'auditor-1',
  networkIds,
  organisationIds,
  grantIds: networkIds.length + organisationIds.length > 0 ? [randomUUID()] : [],
});

describe('AuditorScopeGuard', () => {
  let h: GatewayHarness;
  let current: AuditorAccess;

  beforeAll(async () => {
    h = await startGateway();
    h.requester.handler = (topic, request) => {
      if (topic === AuditorGrantTopics.queries) return { ok: true, result: current };
      if (topic === Topics.platformMgmt.queries) {
        const payload = request.payload as { query: string };
        if (payload.query === 'list-organisations')
          return {
            ok: true,
            result: {
              items: [granted, other].map((id) => ({
                id,
                name: id,
                country: 'FR',
                kind: 'public-administration',
                legalIdentifier: null,
                createdAt: new Date().toISOString(),
              })),
              total: 2,
              limit: 20,
              offset: 0,
            },
          };
      }
      return 'timeout';
    };
  });
  afterAll(() => h.close());

  const get = async (path: string, roles: Role[]) => {
    const token = await h.tokens.sign('auditor-1', roles);
    return fetch(`${h.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  };

  it('refuses an auditor without an active grant covering the network with 403 problem+json', async () => {
    current = access([granted]);
    const refused = await get(`/api/v1/networks/${other}/transactions`, ['auditor']);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(((await refused.json()) as { detail: string }).detail).toContain(other);
  });

  it('lets a platform administrator through without asking for grants', async () => {
    h.requester.requests.length = 0;
    await get(`/api/v1/networks/${other}/monitoring`, ['platform-admin', 'auditor']);
    expect(h.requester.requests.map((r) => r.topic)).not.toContain(AuditorGrantTopics.queries);
  });

  it('lets a list through to its owner with an active grant and refuses it without any', async () => {
    current = access([], [granted]);
    h.requester.requests.length = 0;
    expect((await get('/api/v1/organisations', ['auditor'])).status).toBe(200);
    // The owner (platform-mgmt) narrows the page to the grants before paging, from the actor.
    const asked = h.requester.requests.find((r) => r.topic === Topics.platformMgmt.queries);
    expect(asked?.request.actor).toMatchObject({ subject: 'auditor-1', roles: ['auditor'] });
    current = access([]);
    const refused = await get('/api/v1/organisations', ['auditor']);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('refuses the audit log to an auditor without an active grant', async () => {
    current = access([]);
    expect((await get('/api/v1/audit-log/anchors', ['auditor'])).status).toBe(403);
  });
});
