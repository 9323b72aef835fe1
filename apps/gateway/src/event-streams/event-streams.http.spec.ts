/**
 * Event streams at the gateway with in-memory adapters: definitions validated at the edge
 * (property test: an invalid body never reaches the ledger and is never a 500), writes turned
 * into the ledger's commands, and the WebSocket: refused upgrades answered with a status, events
 * forwarded, acknowledgements sent to the ledger as cumulative sequences.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { WebSocket } from 'ws';
import { EventStreamTopics, type EventStreamQuery, type Reply } from '@strata/contracts';
import { expectRefusedAtTheEdge } from '../testing/edge-assertions';
import { postJson, startGateway, type GatewayHarness } from '../testing/gateway-harness';

const ORG = '11111111-1111-4111-8111-111111111111';
const NETWORK = '22222222-2222-4222-8222-222222222222';
const STREAM = '33333333-3333-4333-8333-333333333333';

function streamDto(type: 'webhook' | 'websocket', position = 0) {
  return {
    id: STREAM,
    networkId: NETWORK,
    organisationId: ORG,
    name: 's',
    type,
    filter: { listenerId: randomUUID() },
    url: type === 'webhook' ? 'https://example.org/hook' : null,
    retry: null,
    status: 'active',
    position,
    attempts: 0,
    lastError: null,
    nextAttemptAt: null,
    deadLetters: 0,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

function delivery(sequence: number) {
  return {
    streamId: STREAM,
    sequence,
    event: {
      id: `0x${'ab'.repeat(32)}:${sequence}`,
      listenerId: randomUUID(),
      networkId: NETWORK,
      removed: false,
      address: `0x${'11'.repeat(20)}`,
      blockNumber: String(sequence),
      blockHash: `0x${'ab'.repeat(32)}`,
      transactionHash: `0x${'cd'.repeat(32)}`,
      logIndex: sequence,
      topics: [],
      data: '0x',
      event: null,
    },
  };
}

const ok = (result: unknown): Reply => ({ ok: true, result });

describe('event streams at the gateway', () => {
  let h: GatewayHarness;
  let operator: string;
  let auditor: string;

  beforeAll(async () => {
    h = await startGateway({ STRATA_RATE_LIMIT_PER_MINUTE: '100000' });
    operator = await h.tokens.sign('op', ['operator'], ORG);
    auditor = await h.tokens.sign('aud', ['auditor'], ORG);
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.requester.requests.length = 0;
    h.requester.handler = () => 'timeout';
  });

  const post = (path: string, body: unknown) =>
    postJson(`${h.baseUrl}/api/v1/networks/${NETWORK}/event-streams${path}`, operator, body);

  it('never answers 500 and never asks the ledger for an invalid stream definition', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.record({
            type: fc.constantFrom('webhook', 'websocket', 'email'),
            name: fc.string(),
            url: fc.oneof(fc.string(), fc.webUrl({ validSchemes: ['ftp', 'file'] })),
            filter: fc.dictionary(fc.string(), fc.string()),
          }),
        ),
        async (value) => {
          h.requester.requests.length = 0;
          const res = await post('', value);
          expectRefusedAtTheEdge(res, h.requester);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('turns a re-drive of every dead letter into the ledger change command', async () => {
    h.requester.handler = () => ok(streamDto('webhook'));
    const res = await post(`/${STREAM}/dead-letters/redrive`, {});
    expect(res.status).toBe(201);
    const [sent] = h.requester.requests;
    expect(sent.topic).toBe(EventStreamTopics.changeEventStream);
    expect(sent.request.payload).toStrictEqual({
      change: 'redrive',
      networkId: NETWORK,
      streamId: STREAM,
    });
  });

  it('turns a replay into the ledger change command and refuses a bad block', async () => {
    h.requester.handler = () => ok(streamDto('webhook'));
    expect((await post(`/${STREAM}/replay`, { fromBlock: 'yesterday' })).status).toBe(400);
    expect(h.requester.requests).toHaveLength(0);
    expect((await post(`/${STREAM}/replay`, { fromBlock: '12' })).status).toBe(201);
    expect(h.requester.requests[0].request.payload).toEqual({
      change: 'replay',
      networkId: NETWORK,
      streamId: STREAM,
      fromBlock: '12',
    });
  });

  describe('WebSocket', () => {
    const url = `/api/v1/networks/${NETWORK}/event-streams/${STREAM}/socket`;
    const wsUrl = () => `${h.baseUrl.replace('http', 'ws')}${url}`;

    function refusal(headers: Record<string, string>): Promise<number> {
      return new Promise((resolve, reject) => {
        const socket = new WebSocket(wsUrl(), { headers });
        socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        socket.once('open', () => reject(new Error('upgrade accepted')));
        socket.once('error', () => undefined);
      });
    }

    it('refuses an upgrade without a valid token (401), for an auditor (403) and for a webhook stream (409)', async () => {
      expect(await refusal({})).toBe(401);
      expect(await refusal({ authorization: 'Bearer nonsense' })).toBe(401);
      expect(await refusal({ authorization: `Bearer ${auditor}` })).toBe(403);
      h.requester.handler = () => ok(streamDto('webhook'));
      expect(await refusal({ authorization: `Bearer ${operator}` })).toBe(409);
    });

    it('forwards events and sends an ack as the cumulative sequence of that event', async () => {
      const acked: number[] = [];
      h.requester.handler = (topic, request) => {
        const payload = request.payload as EventStreamQuery | { sequence: number };
        if (topic === EventStreamTopics.ackEventStream) {
          acked.push((payload as { sequence: number }).sequence);
          return ok(streamDto('websocket'));
        }
        const query = payload as EventStreamQuery;
        if (query.query === 'next-stream-events') {
          const items = query.after < 3 ? [1, 2, 3].filter((s) => s > query.after) : [];
          return ok({ position: 0, items: items.map(delivery) });
        }
        return ok(streamDto('websocket'));
      };
      const socket = new WebSocket(wsUrl(), { headers: { authorization: `Bearer ${operator}` } });
      const messages: { type: string; sequence?: number; event?: { id: string } }[] = [];
      socket.on('message', (data: Buffer) =>
        messages.push(JSON.parse(data.toString('utf8')) as (typeof messages)[number]),
      );
      await new Promise((resolve) => socket.once('open', resolve));
      await until(() => messages.filter((m) => m.type === 'event').length === 3);
      socket.send(JSON.stringify({ type: 'ack', id: delivery(2).event.id }));
      await until(() => messages.some((m) => m.type === 'acked'));
      expect(acked).toEqual([2]);
      socket.send('not json');
      await until(() => messages.some((m) => m.type === 'error'));
      socket.close();
    });
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(condition()).toBe(true);
}
