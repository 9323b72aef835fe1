/**
 * Two ledger instances side by side on the same database and Kafka, as an operator scales the
 * ledger (docs/operations.md): transfers submitted concurrently are each mined exactly once with
 * contiguous nonces per account, and a listener's events reach Kafka each at least once, in
 * order per key, while both instances run their loops.
 */
import { randomUUID } from 'node:crypto';
import type { Contract } from 'ethers';
import {
  jsonRpc,
  type PrivateAnvil,
  readE2eRun,
  type RunningApp,
  runningApp,
  startAnotherInstance,
  startPrivateAnvil,
  stopProcess,
} from '@strata/testing';
import { apiAs, type Api, raw } from './support/api';
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
import {
  acceptedIds,
  allTransactions,
  anvilNetwork,
  type Member,
  memberWithRole,
  signingAccount,
} from './support/ledger';

const SINK = '0x000000000000000000000000000000000000bEEF';
const TRANSFERS = 100;
const ACCOUNTS = 4;
const EVENTS = 2000;

/** A counter's value for one network on an app instance's /metrics (0 when absent). */
async function counterOf(app: RunningApp, name: string, networkId: string): Promise<number> {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && l.includes(`network="${networkId}"`));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('two ledger instances side by side', () => {
  let second: RunningApp;
  let admin: Api;
  let member: Member;
  let anvil: PrivateAnvil;
  let kafka: ContractEventLog;

  beforeAll(async () => {
    const starting = Date.now();
    second = await startAnotherInstance('ledger');
    // Healthy = every consumer group joined (each join makes the first instance rejoin too).
    console.info(`second ledger instance healthy in ${Date.now() - starting} ms`);
    anvil = await startPrivateAnvil();
    kafka = await collectContractEvents();
    admin = await apiAs('admin');
    member = await memberWithRole(admin);
  }, 180_000);

  afterAll(async () => {
    if (second) await stopProcess(second.pid, 10_000);
    await kafka?.stop();
    await anvil?.stop();
  });

  it(`mines ${TRANSFERS} concurrent transfers across ${ACCOUNTS} accounts exactly once, with contiguous nonces`, async () => {
    const networkId = await anvilNetwork(admin, [member.organisationId]);
    const accounts: string[] = [];
    for (let i = 0; i < ACCOUNTS; i++) accounts.push(await signingAccount(member, networkId));
    const path = `/api/v1/networks/${networkId}/transactions`;
    const ids = await acceptedIds(
      member,
      Array.from({ length: TRANSFERS }, (_, i) =>
        raw(
          member.api,
          'POST',
          path,
          { kind: 'transfer', from: accounts[i % ACCOUNTS], to: SINK, value: String(i + 1) },
          { 'idempotency-key': randomUUID() },
        ),
      ),
    );
    expect(new Set(ids).size).toBe(TRANSFERS);
    const confirmed = await eventually(
      async () => {
        const all = (await allTransactions(member, networkId)).filter((tx) => ids.includes(tx.id));
        return all.length === TRANSFERS && all.every((tx) => tx.status === 'confirmed')
          ? all
          : undefined;
      },
      `${TRANSFERS} transactions to be confirmed`,
      150_000,
    );
    const perAccount = TRANSFERS / ACCOUNTS;
    for (const account of accounts) {
      const nonces = confirmed
        .filter((tx) => tx.from === account)
        .map((tx) => Number(tx.nonce))
        .sort((a, b) => a - b);
      expect(nonces).toEqual(Array.from({ length: perAccount }, (_, i) => i));
      const onChain = await jsonRpc<string>(readE2eRun().anvilRpcUrl, 'eth_getTransactionCount', [
        account,
        'latest',
      ]);
      expect(Number(onChain)).toBe(perAccount);
    }
    expect(new Set(confirmed.map((tx) => tx.hash)).size).toBe(TRANSFERS);
    const split = await Promise.all(
      [runningApp('ledger'), second].map((app) =>
        counterOf(app, 'strata_ledger_broadcasts_total', networkId),
      ),
    );
    console.info(`broadcasts by the two ledger instances: ${split.join(' / ')}`);
    expect(split[0] + split[1]).toBeGreaterThanOrEqual(TRANSFERS);
  }, 240_000);

  it(`delivers ${EVENTS} events of a listener to Kafka, each at least once and in order per key`, async () => {
    const networkId = await anvilNetwork(admin, [member.organisationId], anvil.rpcUrl);
    const listeners = eventListenersApi(member.api);
    await eventually(
      () => listeners.listEventListeners({ id: networkId }),
      'the ledger to know the network',
    );
    const fixture: Contract = await deployFixture(anvil.rpcUrl);
    const fromBlock = String(await jsonRpc<string>(anvil.rpcUrl, 'eth_blockNumber').then(BigInt));
    const before = Number(await fixture.getFunction('emitted')());
    await emitEvents(fixture, EVENTS, 100);
    const listener = await settled(
      member.api,
      listeners.createEventListenerRaw({
        id: networkId,
        idempotencyKey: randomUUID(),
        createEventListener: {
          name: 'two instances',
          address: await fixture.getAddress(),
          abi: FIXTURE_ABI,
          fromBlock,
          confirmations: 1,
        },
      }),
    );
    const delivered = await eventually(
      () => {
        const got = kafka.of(listener.id);
        return got.length >= EVENTS ? got : undefined;
      },
      `${EVENTS} events in Kafka`,
      180_000,
    );
    expectExactlyAsEmitted(delivered, before, EVENTS);
    const copies = kafka.received.filter((e) => e.listenerId === listener.id).length;
    console.info(`${EVENTS} events delivered as ${copies} messages by two ledger instances`);
  }, 240_000);
});
