/**
 * Event streams end to end on the real stack (Kafka, Postgres, Keycloak, a private anvil):
 * a webhook receiver that is down for 30 s gets every event in order once it is back, with
 * verifiable signatures; a receiver that always fails ends in the dead-letter list without
 * holding up another stream, and a re-drive delivers its dead letters; a replay delivers from a
 * block again; a WebSocket client that reconnects resumes after its last ack, and a connection to
 * another gateway instance replaces the first (one client per stream); bad stream
 * definitions (a webhook to a private address included) are problem+json and store nothing.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { Contract } from 'ethers';
import {
  jsonRpc,
  type PrivateAnvil,
  runningApp,
  startAnotherInstance,
  startPrivateAnvil,
  stopProcess,
} from '@strata/testing';
import type { StreamDelivery } from '@strata/contracts';
import { apiAs, type Api, raw, type RawResponse } from './support/api';
import { eventually } from './support/eventually';
import { deployFixture, emitEvents, FIXTURE_ABI } from './support/event-sync';
import { StreamSocketClient, WebhookReceiver } from './support/event-streams';
import { anvilNetwork, type Member, memberWithRole } from './support/ledger';

const TICKED = 'Ticked(uint256,address,uint256)';
/** The fixture's sequence number of an event (its first indexed argument). */
const seqOf = (d: Pick<StreamDelivery, 'event'>): number => Number(BigInt(d.event.topics[1]));

describe('event streams, end to end', () => {
  let anvil: PrivateAnvil;
  let admin: Api;
  let member: Member;
  let networkId: string;
  let fixture: Contract;
  let listenerId: string;
  const receivers: WebhookReceiver[] = [];

  /** A write's resource: its 201 body, or the result of its operation after a 202. */
  async function write(method: string, path: string, body?: object): Promise<RawResponse> {
    const headers = { 'idempotency-key': randomUUID() };
    const response = await raw(member.api, method, path, body ?? {}, headers);
    if (response.status !== 202) return response;
    const id = response.headers.get('x-operation-id') ?? '';
    const operation = await eventually(
      async () => {
        const read = await member.api.operations.getOperation({ id });
        return read.status !== 'pending' ? read : undefined;
      },
      `operation ${id}`,
      90_000,
    );
    const problem = operation.problem as { status?: number } | undefined;
    return {
      status: operation.status === 'succeeded' ? 201 : (problem?.status ?? 500),
      contentType: 'application/json',
      body: (operation.result ?? operation.problem ?? {}) as Record<string, unknown>,
      headers: response.headers,
    };
  }

  const streams = (network = networkId) => `/api/v1/networks/${network}/event-streams`;
  const createStream = async (body: object, network = networkId) => {
    const response = await write('POST', streams(network), body);
    expect(response).toMatchObject({ status: 201 });
    return response.body as { id: string; secret: string | null };
  };
  const read = async (path: string) => (await raw(member.api, 'GET', path)).body;
  const receiver = async (listening = true) => {
    const created = await WebhookReceiver.start(listening);
    receivers.push(created);
    return created;
  };
  const blockNumber = async () =>
    Number(BigInt(await jsonRpc<string>(anvil.rpcUrl, 'eth_blockNumber')));

  beforeAll(async () => {
    anvil = await startPrivateAnvil();
    admin = await apiAs('admin');
    member = await memberWithRole(admin, 'operator');
    networkId = await anvilNetwork(admin, [member.organisationId], anvil.rpcUrl);
    fixture = await deployFixture(anvil.rpcUrl);
    const path = `/api/v1/networks/${networkId}/event-listeners`;
    await eventually(
      async () => (await raw(member.api, 'GET', path)).status === 200,
      'the ledger to know the network',
    );
    const listener = await write('POST', path, {
      name: 'fixture',
      address: await fixture.getAddress(),
      abi: FIXTURE_ABI,
      fromBlock: 'latest',
      confirmations: 1,
    });
    expect(listener.status).toBe(201);
    listenerId = listener.body.id as string;
  });

  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.stop()));
    await anvil?.stop();
  });

  it('refuses a bad URL, an unknown network or listener and a filterless stream with problem+json, storing nothing', async () => {
    const otherNetwork = await anvilNetwork(admin, [member.organisationId], anvil.rpcUrl);
    await eventually(
      async () => (await raw(member.api, 'GET', streams(otherNetwork))).status === 200,
      'the ledger to know the second network',
    );
    const good = {
      type: 'webhook',
      name: 'bad input',
      url: 'https://example.org/hook',
      filter: { listenerId },
    };
    for (const url of ['ftp://example.org/hook', 'not a url', 'https://user:pw@example.org/']) {
      const refused = await raw(member.api, 'POST', streams(otherNetwork), { ...good, url });
      expect(refused.status).toBe(400);
      expect(refused.contentType).toContain('application/problem+json');
    }
    // Not a public address: the ledger would be calling into the operator's own network (SSRF).
    for (const url of ['http://169.254.169.254/latest/meta-data', 'http://[fd00::1]/hook']) {
      const internal = await write('POST', streams(otherNetwork), { ...good, url });
      expect(internal.status).toBe(400);
      expect(JSON.stringify(internal.body)).toMatch(/"path":"url".*not a public one/);
    }
    const noFilter = await raw(member.api, 'POST', streams(otherNetwork), { ...good, filter: {} });
    expect(noFilter.status).toBe(400);
    const unknownListener = await write('POST', streams(otherNetwork), {
      ...good,
      filter: { listenerId: randomUUID() },
    });
    expect(unknownListener.status).toBe(400);
    expect(JSON.stringify(unknownListener.body)).toContain('filter.listenerId');
    // The listener exists, but on the other network.
    const foreignListener = await write('POST', streams(otherNetwork), good);
    expect(foreignListener.status).toBe(400);
    const unknownNetwork = await write('POST', streams(randomUUID()), good);
    expect(unknownNetwork.status).toBe(404);
    expect(await read(`${streams(otherNetwork)}?limit=100`)).toMatchObject({ items: [], total: 0 });
  });

  it('delivers every event, in order and signed, to a webhook receiver that was down for 30 s, once it is back', async () => {
    const hook = await receiver(false);
    const stream = await createStream({
      type: 'webhook',
      name: 'down for 30 s',
      url: hook.url,
      filter: { listenerId, event: TICKED },
      retry: { maxAttempts: 50, initialBackoffMs: 500, maxBackoffMs: 4000 },
    });
    expect(stream.secret).toMatch(/^[0-9a-f]{64}$/);
    const first = Number(await fixture.getFunction('emitted')());
    await emitEvents(fixture, 40, 10);
    await eventually(
      async () => ((await read(`${streams()}/${stream.id}`)).attempts as number) >= 2,
      'the stream to be retrying while the receiver is down',
      120_000,
    );
    // The receiver's outage: 30 s of refused connections, then it listens again on its port.
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    await hook.up();
    const delivered = await eventually(
      () => (hook.distinct().length >= 20 ? hook.distinct() : undefined),
      '20 Ticked events at the receiver',
      180_000,
    );
    const expected = Array.from({ length: 20 }, (_, i) => first + 2 * i + (first % 2));
    expect(delivered.map(seqOf)).toEqual(expected);
    expect(delivered.map((d) => d.sequence)).toEqual(
      [...delivered.map((d) => d.sequence)].sort((a, b) => a - b),
    );
    for (const post of hook.accepted) {
      const signature = createHmac('sha256', Buffer.from(stream.secret ?? '', 'hex'))
        .update(post.body)
        .digest('hex');
      expect(post.headers['strata-signature']).toBe(`sha256=${signature}`);
      expect(post.headers['strata-event-id']).toBe(post.delivery.event.id);
    }
    expect(await read(`${streams()}/${stream.id}/dead-letters`)).toMatchObject({ total: 0 });
    expect(await read(`${streams()}/${stream.id}`)).toMatchObject({ attempts: 0, lastError: null });
    // The stream log's figures for operators: what it took and how far behind publication.
    const metrics = await (await fetch(`${runningApp('ledger').url}/metrics`)).text();
    const value = (name: string) =>
      Number(
        metrics
          .split('\n')
          .find((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
          ?.split(' ')
          .pop(),
      );
    expect(value('strata_event_stream_log_events_total')).toBeGreaterThanOrEqual(40);
    expect(value('strata_event_stream_log_delay_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('dead-letters the events of a receiver that always fails without blocking another stream, and re-drives them', async () => {
    const failing = await receiver();
    failing.mode = 'fail';
    const healthy = await receiver();
    const retry = { maxAttempts: 2, initialBackoffMs: 100, maxBackoffMs: 200 };
    const filter = { listenerId, event: TICKED };
    const dead = await createStream({
      type: 'webhook',
      name: 'always fails',
      url: failing.url,
      filter,
      retry,
    });
    const live = await createStream({
      type: 'webhook',
      name: 'healthy',
      url: healthy.url,
      filter,
      retry,
    });
    const fromBlock = (await blockNumber()) + 1;
    await emitEvents(fixture, 10, 5);
    await eventually(
      () => healthy.distinct().length >= 5,
      'the healthy stream to get 5 events',
      120_000,
    );
    const letters = await eventually(
      async () => {
        const page = await read(`${streams()}/${dead.id}/dead-letters?limit=100`);
        // The page's items and its total are two reads: wait until both show the five.
        return (page.items as unknown[]).length >= 5 && (page.total as number) >= 5
          ? page
          : undefined;
      },
      'five dead letters',
      120_000,
    );
    const items = letters.items as { sequence: number; status: string; attempts: number }[];
    expect(items.map((l) => l.status)).toEqual(Array(5).fill('dead'));
    expect(items.every((l) => l.attempts === 2)).toBe(true);
    expect(failing.refused).toBeGreaterThanOrEqual(10);
    expect(await read(`${streams()}/${dead.id}`)).toMatchObject({ deadLetters: 5 });

    failing.mode = 'accept';
    const redriven = await write('POST', `${streams()}/${dead.id}/dead-letters/redrive`, {});
    expect(redriven).toMatchObject({ status: 201 });
    const again = await eventually(
      () => (failing.distinct().length >= 5 ? failing.distinct() : undefined),
      'the re-driven dead letters',
      120_000,
    );
    expect(again.map((d) => d.sequence)).toEqual(items.map((l) => l.sequence));
    await eventually(
      async () => (await read(`${streams()}/${dead.id}`)).deadLetters === 0,
      'no dead letters left',
    );

    const replay = await write('POST', `${streams()}/${live.id}/replay`, {
      fromBlock: String(fromBlock),
    });
    expect(replay).toMatchObject({ status: 201 });
    await eventually(() => healthy.accepted.length >= 10, 'the replayed events', 120_000);
    const replayed = healthy.accepted.slice(5).map((p) => p.delivery);
    expect(replayed.map(seqOf)).toEqual(healthy.accepted.slice(0, 5).map((p) => seqOf(p.delivery)));
  });

  it('resumes a WebSocket client that reconnects after its last acknowledged event', async () => {
    const stream = await createStream({
      type: 'websocket',
      name: 'socket',
      filter: { listenerId, event: TICKED },
    });
    expect(stream.secret).toBeNull();
    const url = StreamSocketClient.socketUrl(member.api, networkId, stream.id);
    expect(await StreamSocketClient.refusal(url)).toBe(401);
    const first = await StreamSocketClient.connect(member.api, networkId, stream.id);
    await emitEvents(fixture, 12, 6);
    const received = await first.waitForEvents(6);
    await first.ack(received[2].event?.id ?? '');
    await first.close();

    const second = await StreamSocketClient.connect(member.api, networkId, stream.id);
    const resumed = await second.waitForEvents(3);
    expect(resumed[0].sequence).toBe(received[3].sequence);
    expect(resumed.slice(0, 3).map((m) => m.event?.id)).toEqual(
      received.slice(3, 6).map((m) => m.event?.id),
    );
    await second.ack(resumed[2].event?.id ?? '');
    expect(await read(`${streams()}/${stream.id}`)).toMatchObject({
      position: resumed[2].sequence,
    });
    await second.close();
  });

  it('keeps one client per WebSocket stream across gateway instances: a connection to another instance replaces the first', async () => {
    const stream = await createStream({
      type: 'websocket',
      name: 'one client',
      filter: { listenerId, event: TICKED },
    });
    const other = await startAnotherInstance('gateway');
    try {
      const first = await StreamSocketClient.connect(member.api, networkId, stream.id);
      // Two blocks: the second confirms the first's four events (confirmations: 1).
      await emitEvents(fixture, 8, 4);
      const received = (await first.waitForEvents(4)).slice(0, 4);

      const onOther = { ...member.api, baseUrl: other.url };
      const second = await StreamSocketClient.connect(onOther, networkId, stream.id);
      // The first is closed at its next read of the ledger, on the other instance.
      const closed = await eventually(() => first.closedWith, 'the first connection closed');
      expect(closed.code).toBe(4409);
      expect(closed.reason).toContain('replaced');

      // The newer connection has the stream: it gets the unacknowledged events and its
      // acknowledgement is the one stored.
      const resumed = (await second.waitForEvents(4)).slice(0, 4);
      expect(resumed.map((m) => m.event?.id)).toEqual(received.map((m) => m.event?.id));
      await second.ack(resumed[3].event?.id ?? '');
      expect(await read(`${streams()}/${stream.id}`)).toMatchObject({
        position: resumed[3].sequence,
      });
      await second.close();
    } finally {
      await stopProcess(other.pid, 10_000);
    }
  });
});
