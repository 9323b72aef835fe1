/**
 * HTTP-level behaviour of the gateway with in-memory adapters: property tests on public input,
 * operations that survive a silent owner, network scoping, and the served OpenAPI document.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Reply } from '@strata/contracts';
import { serialiseOpenApi } from './openapi/render-openapi';
import { expectRefusedAtTheEdge } from './testing/edge-assertions';
import { startGateway, type GatewayHarness } from './testing/gateway-harness';

const ORG = {
  id: '7b0e4a4e-7c1c-4a43-9d43-2d5cf0a1b1a1',
  name: 'Agency',
  country: 'DE',
  kind: 'public-administration',
  legalIdentifier: null,
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('gateway over HTTP', () => {
  let h: GatewayHarness;
  let admin: string;
  let operator: string;

  beforeAll(async () => {
    h = await startGateway({ STRATA_RATE_LIMIT_PER_MINUTE: '100000' });
    admin = await h.tokens.sign('admin', ['platform-admin']);
    operator = await h.tokens.sign('op', ['operator'], '11111111-1111-4111-8111-111111111111');
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.requester.requests.length = 0;
    h.requester.handler = () => 'timeout';
  });

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${h.baseUrl}/api/v1/organisations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', ...headers },
      body,
    });

  it('never answers 500 and never asks platform-mgmt for an invalid organisation body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        h.requester.requests.length = 0;
        const res = await post(JSON.stringify(value) ?? 'null');
        expectRefusedAtTheEdge(res, h.requester);
      }),
      { numRuns: 150 },
    );
  });

  it('never answers 500 and never asks platform-mgmt for invalid list query strings', async () => {
    h.requester.handler = () => ({
      ok: true,
      result: { items: [], total: 0, limit: 20, offset: 0 },
    });
    const pair = fc.tuple(
      fc.constantFrom('limit', 'offset', 'name', 'country', 'kind', 'x', 'limit[]'),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(pair, { maxLength: 4 }), async (pairs) => {
        h.requester.requests.length = 0;
        const query = new URLSearchParams(pairs).toString();
        const res = await fetch(`${h.baseUrl}/api/v1/organisations?${query}`, {
          headers: { authorization: `Bearer ${operator}` },
        });
        expect([200, 400]).toContain(res.status);
        if (res.status === 400) expect(h.requester.requests).toHaveLength(0);
      }),
      { numRuns: 150 },
    );
  });

  it('ends with one organisation when the owner is silent, then replays its reply to the poll', async () => {
    const accepted = await post(JSON.stringify({ name: 'Agency', country: 'DE' }), {
      'idempotency-key': 'crash-1',
    });
    expect(accepted.status).toBe(202);
    const location = accepted.headers.get('location') ?? '';
    // The owner comes back and replays the reply to the same message id.
    h.requester.handler = (): Reply => ({ ok: true, result: ORG });
    const polled = (await (
      await fetch(h.baseUrl + location, { headers: { authorization: `Bearer ${admin}` } })
    ).json()) as Record<string, unknown>;
    expect(polled).toMatchObject({
      status: 'succeeded',
      result: ORG,
      resourceLocation: `/api/v1/organisations/${ORG.id}`,
    });
    const repeated = await post(JSON.stringify({ country: 'DE', name: 'Agency' }), {
      'idempotency-key': 'crash-1',
    });
    expect(repeated.status).toBe(201);
    const ids = new Set(h.requester.requests.map((r) => r.request.id));
    expect(ids.size).toBe(1);
    expect(h.requester.requests).toHaveLength(2);
  });

  it("hides another caller's operation", async () => {
    const accepted = await post(JSON.stringify({ name: 'Other', country: 'FR' }));
    const res = await fetch(h.baseUrl + (accepted.headers.get('location') ?? ''), {
      headers: { authorization: `Bearer ${operator}` },
    });
    expect(res.status).toBe(404);
  });

  it("narrows network lists to the caller's organisation and hides foreign networks", async () => {
    const network = {
      id: '22222222-2222-4222-8222-222222222222',
      name: 'n',
      description: null,
      memberOrganisationIds: ['33333333-3333-4333-8333-333333333333'],
      rpcUrl: 'http://x',
      createdAt: ORG.createdAt,
    };
    h.requester.handler = (_topic, request) => {
      const payload = request.payload as { query: string };
      if (payload.query === 'list-networks')
        return { ok: true, result: { items: [], total: 0, limit: 20, offset: 0 } };
      return {
        ok: true,
        result: {
          ...network,
          chain: { reachable: false, reason: 'down', observedAt: ORG.createdAt },
        },
      };
    };
    await fetch(`${h.baseUrl}/api/v1/networks`, {
      headers: { authorization: `Bearer ${operator}` },
    });
    expect(h.requester.requests[0].request.payload).toMatchObject({
      params: { memberOrganisationId: '11111111-1111-4111-8111-111111111111' },
    });
    const foreign = await fetch(`${h.baseUrl}/api/v1/networks/${network.id}`, {
      headers: { authorization: `Bearer ${operator}` },
    });
    expect(foreign.status).toBe(404);
  });

  it('answers 504 problem+json when platform-mgmt does not reply to a read', async () => {
    const res = await fetch(`${h.baseUrl}/api/v1/organisations/${ORG.id}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.status).toBe(504);
    expect(((await res.json()) as { type: string }).type).toBe(
      'urn:strata:problem:upstream-timeout',
    );
  });

  it('serves exactly the checked-in docs/openapi.json', async () => {
    const served = await (await fetch(`${h.baseUrl}/api/openapi.json`)).json();
    expect(serialiseOpenApi(served)).toBe(readFileSync('docs/openapi.json', 'utf8'));
  });
});

describe('rate limiting', () => {
  it('answers 429 problem+json with Retry-After past the per-minute limit', async () => {
    const h = await startGateway({ STRATA_RATE_LIMIT_PER_MINUTE: '2' });
    try {
      const token = await h.tokens.sign('busy', ['operator']);
      h.requester.handler = () => ({
        ok: true,
        result: { items: [], total: 0, limit: 20, offset: 0 },
      });
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 3; i++) {
        last = await fetch(`${h.baseUrl}/api/v1/organisations`, {
          headers: { authorization: `Bearer ${token}` },
        });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 429]);
      expect(last?.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(last?.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    } finally {
      await h.close();
    }
  });
});
