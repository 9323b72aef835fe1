/**
 * Transactions at the gateway with in-memory adapters: submissions and list queries validated at
 * the edge (property tests: invalid input never reaches the ledger and is never a 500), a
 * network's transaction settings read from the ledger, and the status stream's resume — its own
 * buffer for its own cursor, the ledger's change feed for any other, `resync` for an id it cannot
 * read, `ready` always last.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  type LedgerTransaction,
  LedgerTransactionTopics,
  type Reply,
  type TransactionQuery,
} from '@strata/contracts';
import { expectRefusedAtTheEdge } from '../testing/edge-assertions';
import { postJson, startGateway, type GatewayHarness } from '../testing/gateway-harness';
import { ledgerTransaction } from '../testing/ledger-transaction.fixture';
import { CATCH_UP_MARGIN_MS } from './stream-catch-up';
import { formatStreamCursor, parseStreamCursor } from './stream-cursor';
import {
  TransactionEvents,
  type TransactionStatusEvent,
  type TransactionStatusListener,
} from './transaction-events';

const ORG = '11111111-1111-4111-8111-111111111111';
const NETWORK = '22222222-2222-4222-8222-222222222222';
const ACCOUNT = `0x${'11'.repeat(20)}`;

function tx(n: number, status: LedgerTransaction['status'] = 'confirmed'): LedgerTransaction {
  return ledgerTransaction({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    networkId: NETWORK,
    organisationId: ORG,
    from: ACCOUNT,
    to: ACCOUNT,
    nonce: n,
    status,
    updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  });
}

/** Status events handed in by the test, numbered and buffered like the Kafka adapter's. */
class ScriptedTransactionEvents extends TransactionEvents {
  private readonly buffer: TransactionStatusEvent[] = [];
  private readonly listeners = new Set<TransactionStatusListener>();

  publish(transaction: LedgerTransaction): void {
    const event = { seq: this.buffer.length + 1, transaction };
    this.buffer.push(event);
    for (const listener of this.listeners) listener(event);
  }

  position(): number {
    return this.buffer.length;
  }

  subscribe(listener: TransactionStatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  since(seq: number): { events: TransactionStatusEvent[]; complete: boolean } {
    return { events: this.buffer.filter((e) => e.seq > seq), complete: seq <= this.buffer.length };
  }

  async close(): Promise<void> {}
}

interface Frame {
  id?: string;
  event?: string;
  data: string;
}

/** Opens the status stream and reads frames until `ready` (then closes it). */
async function streamUntilReady(
  h: GatewayHarness,
  token: string,
  lastEventId?: string,
): Promise<{ status: number; frames: Frame[] }> {
  const controller = new AbortController();
  const res = await fetch(`${h.baseUrl}/api/v1/networks/${NETWORK}/transactions/stream`, {
    headers: {
      authorization: `Bearer ${token}`,
      ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }),
    },
    signal: controller.signal,
  });
  if (!res.body || !res.headers.get('content-type')?.startsWith('text/event-stream')) {
    return { status: res.status, frames: [] };
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  while (!/event: ready\n/.test(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  controller.abort();
  const frames = text
    .split('\n\n')
    .map((block) => {
      const frame: Frame = { data: '' };
      for (const line of block.split('\n')) {
        const [field, ...rest] = line.split(': ');
        if (field === 'id') frame.id = rest.join(': ');
        if (field === 'event') frame.event = rest.join(': ');
        if (field === 'data') frame.data = rest.join(': ');
      }
      return frame;
    })
    .filter((f) => f.event !== undefined);
  return { status: res.status, frames };
}

/** Cursors of this or any other instance, at any position and watermark. */
const anyCursor = fc
  .record({
    instance: fc.stringMatching(/^[0-9a-f]{8}$/),
    seq: fc.integer({ min: 0, max: 1e12 }),
    watermark: fc.integer({ min: 0, max: 1e14 }),
  })
  .map(formatStreamCursor);

const ok = (result: unknown): Reply => ({ ok: true, result });
const page = (items: LedgerTransaction[], limit = 100) =>
  ok({ items, total: items.length, limit, offset: 0 });

describe('transactions at the gateway', () => {
  let h: GatewayHarness;
  let events: ScriptedTransactionEvents;
  let operator: string;

  beforeAll(async () => {
    events = new ScriptedTransactionEvents();
    h = await startGateway({ STRATA_RATE_LIMIT_PER_MINUTE: '100000' }, events);
    operator = await h.tokens.sign('op', ['operator'], ORG);
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.requester.requests.length = 0;
    h.requester.handler = () => 'timeout';
  });

  const queries = () =>
    h.requester.requests
      .filter((r) => r.topic === LedgerTransactionTopics.queries)
      .map((r) => r.request.payload as TransactionQuery);

  it('never answers 500 and never asks the ledger for an invalid submission', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.record(
            {
              kind: fc.constantFrom('transfer', 'call', 'deploy', 'mint'),
              from: fc.oneof(fc.string(), fc.constant(ACCOUNT)),
              to: fc.oneof(fc.string(), fc.constant(ACCOUNT)),
              value: fc.oneof(fc.string(), fc.bigInt({ min: -1n }).map(String)),
              abi: fc.oneof(fc.jsonValue(), fc.array(fc.object())),
              method: fc.string(),
              args: fc.jsonValue(),
              data: fc.string(),
              bytecode: fc.string(),
            },
            { requiredKeys: ['kind'] },
          ),
        ),
        async (body) => {
          h.requester.requests.length = 0;
          const res = await postJson(
            `${h.baseUrl}/api/v1/networks/${NETWORK}/transactions`,
            operator,
            body,
          );
          expectRefusedAtTheEdge(res, h.requester);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never answers 500 and never asks the ledger for invalid list query strings', async () => {
    const pair = fc.tuple(
      fc.constantFrom('limit', 'offset', 'status', 'from', 'createdAfter', 'updatedAfter', 'x'),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(pair, { maxLength: 4 }), async (pairs) => {
        h.requester.requests.length = 0;
        h.requester.handler = () => page([]);
        const query = new URLSearchParams(pairs).toString();
        const res = await fetch(`${h.baseUrl}/api/v1/networks/${NETWORK}/transactions?${query}`, {
          headers: { authorization: `Bearer ${operator}` },
        });
        expect(res.status).toBeLessThan(500);
        if (res.status === 400) expect(h.requester.requests).toHaveLength(0);
        else expect(res.status).toBe(200);
      }),
      { numRuns: 150 },
    );
  });

  it("reads a network's transaction settings from the ledger; a malformed id never reaches it", async () => {
    const settings = {
      id: NETWORK,
      networkId: NETWORK,
      confirmations: 3,
      feeCapWei: '500000000000',
      feeBumpAfterMs: 30_000,
      maxAttempts: 5,
      overridden: ['confirmations'],
    };
    h.requester.handler = () => ({ ok: true, result: settings });
    const read = (id: string) =>
      fetch(`${h.baseUrl}/api/v1/networks/${id}/transaction-settings`, {
        headers: { authorization: `Bearer ${operator}` },
      });

    const res = await read(NETWORK);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(settings);
    expect(queries()).toEqual([{ query: 'get-transaction-settings', networkId: NETWORK }]);

    h.requester.requests.length = 0;
    const bad = await read('not-a-uuid');
    expect(bad.status).toBe(400);
    expectRefusedAtTheEdge(bad, h.requester);
  });

  it("catches a client up from the ledger's change feed when the cursor is another instance's", async () => {
    const watermark = Date.UTC(2026, 0, 1, 0, 0, 30);
    const changed = [tx(31), tx(32, 'mined')];
    h.requester.handler = (_topic, request) => {
      const q = request.payload as TransactionQuery;
      return page(q.query === 'list-transactions' && q.params.updatedAfter ? changed : []);
    };
    const other = events.instance === 'deadbeef' ? 'feedface' : 'deadbeef';
    const { status, frames } = await streamUntilReady(
      h,
      operator,
      formatStreamCursor({ instance: other, seq: 7, watermark }),
    );
    expect(status).toBe(200);
    expect(frames.map((f) => f.event)).toEqual([
      'transaction-status',
      'transaction-status',
      'ready',
    ]);
    expect(frames.slice(0, 2).map((f) => (JSON.parse(f.data) as LedgerTransaction).id)).toEqual(
      changed.map((t) => t.id),
    );
    const feed = queries().filter((q) => q.query === 'list-transactions' && q.params.updatedAfter);
    expect(feed).toHaveLength(1);
    expect(feed[0]).toMatchObject({
      networkId: NETWORK,
      params: { updatedAfter: new Date(watermark - CATCH_UP_MARGIN_MS).toISOString(), offset: 0 },
    });
    // Its cursors are this instance's, at least as far as the latest change it sent.
    const ready = parseStreamCursor(frames[2].id);
    expect(ready?.instance).toBe(events.instance);
    expect(ready?.watermark).toBeGreaterThanOrEqual(Date.parse(changed[1].updatedAt));
  });

  it('replays its own buffer for its own cursor, without asking the ledger for changes', async () => {
    h.requester.handler = () => page([]);
    const start = events.position();
    events.publish(tx(41, 'submitted'));
    events.publish({ ...tx(42), organisationId: randomUUID() }); // another organisation's
    events.publish(tx(41, 'mined'));
    const { frames } = await streamUntilReady(
      h,
      operator,
      formatStreamCursor({ instance: events.instance, seq: start, watermark: Date.now() }),
    );
    expect(frames.map((f) => f.event)).toEqual([
      'transaction-status',
      'transaction-status',
      'ready',
    ]);
    expect(frames.slice(0, 2).map((f) => (JSON.parse(f.data) as LedgerTransaction).status)).toEqual(
      ['submitted', 'mined'],
    );
    expect(queries().some((q) => q.query === 'list-transactions' && q.params.updatedAfter)).toBe(
      false,
    );
  });

  it('answers any Last-Event-ID with 200: caught up or resync, then ready, never a 500', async () => {
    h.requester.handler = () => page([]);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 60 }), anyCursor), async (lastEventId) => {
        // Header values cannot carry control characters; fetch refuses them before sending.
        fc.pre(/^[\x20-\x7e]*$/.test(lastEventId) && lastEventId.trim() === lastEventId);
        const { status, frames } = await streamUntilReady(h, operator, lastEventId);
        expect(status).toBe(200);
        const kinds = frames.map((f) => f.event);
        expect(kinds[kinds.length - 1]).toBe('ready');
        const cursor = parseStreamCursor(lastEventId);
        expect(kinds.includes('resync')).toBe(cursor === undefined);
      }),
      { numRuns: 60 },
    );
  });
});
