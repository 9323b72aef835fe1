/**
 * The event sync through an `anvil_reorg` of depth 3 on a private anvil: events of the
 * abandoned blocks are published again as `removed`, the replacement blocks' events follow, and
 * a consumer that applies both ends in the chain's current state.
 */
import { randomUUID } from 'node:crypto';
import { Interface } from 'ethers';
import type { ContractEvent } from '@strata/contracts';
import { EventSyncFixtureArtifact } from '@strata/chain';
import { jsonRpc, type PrivateAnvil, startPrivateAnvil } from '@strata/testing';
import { apiAs } from './support/api';
import { eventually } from './support/eventually';
import {
  collectContractEvents,
  type ContractEventLog,
  deployFixture,
  emitEvents,
  eventListenersApi,
  FIXTURE_ABI,
  settled,
} from './support/event-sync';
import { anvilNetwork, memberWithRole } from './support/ledger';

/** anvil's first dev account, unlocked on every anvil (sends the replacement transactions). */
const DEV_ACCOUNT = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

/** What a consumer holds after applying events in arrival order: live event id -> seq. */
function applied(events: ContractEvent[]): Map<string, number> {
  const state = new Map<string, number>();
  for (const event of events) {
    if (event.removed) state.delete(event.id);
    else state.set(event.id, Number(BigInt(event.topics[1])));
  }
  return state;
}

describe('ledger event sync through a reorg', () => {
  let anvil: PrivateAnvil;
  let kafka: ContractEventLog;

  beforeAll(async () => {
    anvil = await startPrivateAnvil();
    kafka = await collectContractEvents();
  });

  afterAll(async () => {
    await kafka?.stop();
    await anvil?.stop();
  });

  it('publishes removed events for the abandoned blocks of a depth-3 anvil_reorg, then the replacement ones', async () => {
    const admin = await apiAs('admin');
    const member = await memberWithRole(admin);
    const listeners = eventListenersApi(member.api);
    const networkId = await anvilNetwork(admin, [member.organisationId], anvil.rpcUrl);
    const fixture = await deployFixture(anvil.rpcUrl);
    const address = await fixture.getAddress();
    const listener = await eventually(
      () =>
        settled(
          member.api,
          listeners.createEventListenerRaw({
            id: networkId,
            idempotencyKey: randomUUID(),
            createEventListener: {
              name: 'reorg',
              address,
              abi: FIXTURE_ABI,
              fromBlock: '0',
              confirmations: 1,
            },
          }),
        ),
      'the ledger to know the network',
    );
    await emitEvents(fixture, 20, 5); // four blocks of five events: seq 0-19
    await eventually(() => kafka.of(listener.id).length >= 20, 'the 20 events before the reorg');

    const data = new Interface(EventSyncFixtureArtifact.abi).encodeFunctionData('emitMany', [3]);
    const replacement = { from: DEV_ACCOUNT, to: address, data, gas: '0x100000' };
    await jsonRpc(anvil.rpcUrl, 'anvil_reorg', [
      3,
      [
        [replacement, 0],
        [replacement, 1],
      ],
    ]);
    const onChain = await jsonRpc<{ topics: string[]; blockHash: string; logIndex: string }[]>(
      anvil.rpcUrl,
      'eth_getLogs',
      [{ address, fromBlock: '0x0', toBlock: 'latest' }],
    );
    // The first block (seq 0-4) survives; the replacements emit seq 5-10 again in new blocks.
    expect(onChain).toHaveLength(11);
    const expected = new Map(
      onChain.map((log) => [
        `${log.blockHash}:${Number(BigInt(log.logIndex))}`,
        Number(BigInt(log.topics[1])),
      ]),
    );

    const delivered = await eventually(() => {
      const events = kafka.of(listener.id);
      const state = applied(events);
      return state.size === expected.size && [...expected.keys()].every((id) => state.has(id))
        ? events
        : undefined;
    }, 'the consumer to reach the chain state after the reorg');
    const removed = delivered.filter((e) => e.removed);
    expect(removed.map((e) => Number(BigInt(e.topics[1]))).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 15 }, (_, i) => 5 + i),
    );
    for (const event of removed) {
      const added = delivered.findIndex((e) => e.id === event.id && !e.removed);
      expect(added).toBeGreaterThanOrEqual(0);
      expect(added).toBeLessThan(delivered.indexOf(event));
    }
    expect(applied(delivered)).toEqual(expected);
  });

  it('holds events back until they are confirmations deep', async () => {
    const admin = await apiAs('admin');
    const member = await memberWithRole(admin);
    const listeners = eventListenersApi(member.api);
    const networkId = await anvilNetwork(admin, [member.organisationId], anvil.rpcUrl);
    const fixture = await deployFixture(anvil.rpcUrl);
    const address = await fixture.getAddress();
    const listen = (name: string, confirmations: number) =>
      eventually(
        () =>
          settled(
            member.api,
            listeners.createEventListenerRaw({
              id: networkId,
              idempotencyKey: randomUUID(),
              createEventListener: {
                name,
                address,
                abi: FIXTURE_ABI,
                fromBlock: 'latest',
                confirmations,
              },
            }),
          ),
        'the ledger to know the network',
      );
    const deep = await listen('deep', 3);
    const shallow = await listen('shallow', 1);
    await emitEvents(fixture, 4, 4);
    await jsonRpc(anvil.rpcUrl, 'evm_mine');
    // The shallow listener, stepped in the same passes, shows the sync has seen depth 2.
    await eventually(() => kafka.of(shallow.id).length >= 4, 'the shallow listener at depth 1');
    expect(kafka.of(deep.id)).toHaveLength(0);
    await jsonRpc(anvil.rpcUrl, 'evm_mine');
    const delivered = await eventually(() => {
      const events = kafka.of(deep.id);
      return events.length >= 4 ? events : undefined;
    }, 'the events at depth 3');
    // Same events; arrival order is only promised per key (partition), not across keys.
    const ids = (events: ContractEvent[]) => events.map((e) => e.id).sort();
    expect(ids(delivered)).toEqual(ids(kafka.of(shallow.id)));
  });
});
