/**
 * One network's outage never holds back another's transactions (issue 4): network A talks to a
 * private anvil through an RPC gate that stops answering everything the submitter asks
 * (pricing, broadcasting, receipts), network B is the run's anvil. While A is down, B's
 * transactions are confirmed; A's wait (accepted, or signed without using up broadcast attempts,
 * or submitted), and once A answers again they are confirmed exactly once each, at consecutive
 * nonces, with no gap on chain.
 */
import { LedgerTransactionTopics } from '@strata/contracts';
import type { LedgerTransaction } from '@strata/sdk';
import { jsonRpc, type PrivateAnvil, runningApp } from '@strata/testing';
import { apiAs } from './support/api';
import { eventually } from './support/eventually';
import { type EventTap, tapEvents } from './support/kafka-events';
import { type GatedAnvil, type RpcGate, startGatedAnvil } from './support/rpc-gate';
import {
  anvilNetwork,
  type Member,
  memberWithRole,
  signingAccount,
  submitTransfer,
  waitForStatus,
} from './support/ledger';

const SINK = '0x000000000000000000000000000000000000b0b0';
/** Every method the submitter and the receipt follower use; acceptance's gas estimate still passes. */
const SUBMITTER_METHODS = [
  'eth_chainId',
  'eth_gasPrice',
  'eth_maxPriorityFeePerGas',
  'eth_getBlockByNumber',
  'eth_blockNumber',
  'eth_sendRawTransaction',
  'eth_getTransactionReceipt',
  'eth_getTransactionByHash',
  'eth_getTransactionCount',
  'eth_call',
];

describe('a network whose node stops answering', () => {
  let anvil: PrivateAnvil;
  let gate: RpcGate;
  let gated: GatedAnvil;
  let tap: EventTap;
  let member: Member;
  let down: string;
  let up: string;
  let downAccount: string;
  let upAccount: string;

  beforeAll(async () => {
    tap = await tapEvents([LedgerTransactionTopics.transitioned('confirmed')]);
    gated = await startGatedAnvil();
    ({ anvil, gate } = gated);
    const admin = await apiAs('admin');
    member = await memberWithRole(admin);
    down = await anvilNetwork(admin, [member.organisationId], gate.url);
    up = await anvilNetwork(admin, [member.organisationId]);
    downAccount = await signingAccount(member, down, anvil.rpcUrl);
    upAccount = await signingAccount(member, up);
  }, 120_000);

  afterAll(async () => {
    await tap?.close();
    await gated?.stop();
  });

  const transfer = (network: string, from: string) =>
    submitTransfer(member, network, { from, to: SINK, value: '1' });

  /** The ledger's count of broadcasts of `networkId` that waited for its node. */
  const broadcastFailures = async (networkId: string): Promise<number> => {
    const metrics = await (await fetch(`${runningApp('ledger').url}/metrics`)).text();
    const line = metrics
      .split('\n')
      .find(
        (l) =>
          l.startsWith('strata_ledger_submitter_failures_total{') &&
          l.includes(`"${networkId}"`) &&
          l.includes('stage="broadcast"'),
      );
    return line ? Number(line.split(' ').pop()) : 0;
  };

  const confirmations = (txId: string) =>
    tap.events.filter((event) => event.payload.id === txId).length;

  it('keeps confirming the other network, then confirms the waiting ones exactly once with no gap', async () => {
    const first = await transfer(down, downAccount);
    await waitForStatus(member, down, first.id, ['confirmed']);
    const base = Number(first.nonce);

    gate.close(SUBMITTER_METHODS);
    const waiting: LedgerTransaction[] = [];
    for (let i = 0; i < 3; i++) waiting.push(await transfer(down, downAccount));
    expect(waiting.map((tx) => tx.nonce)).toEqual([base + 1, base + 2, base + 3]);

    // The other network signs, broadcasts and confirms while A's node does not answer.
    const others = [await transfer(up, upAccount), await transfer(up, upAccount)];
    for (const tx of others) await waitForStatus(member, up, tx.id, ['confirmed'], 90_000);
    for (const tx of waiting) {
      expect((await member.tx.getTransaction({ id: down, txId: tx.id })).status).toBe('accepted');
    }

    gate.open();
    const confirmed: LedgerTransaction[] = [];
    for (const tx of waiting) {
      confirmed.push(await waitForStatus(member, down, tx.id, ['confirmed'], 90_000));
    }
    expect(confirmed.map((tx) => tx.nonce)).toEqual([base + 1, base + 2, base + 3]);
    expect(new Set(confirmed.map((tx) => tx.hash)).size).toBe(3);
    // No gap and nothing twice: the chain counts exactly the account's confirmed nonces.
    expect(
      Number(
        await jsonRpc<string>(anvil.rpcUrl, 'eth_getTransactionCount', [downAccount, 'latest']),
      ),
    ).toBe(base + 4);
    await eventually(
      async () => [...waiting, ...others].every((tx) => confirmations(tx.id) >= 1) || undefined,
      'the confirmations to be published',
    );
    for (const tx of [...waiting, ...others]) expect(confirmations(tx.id)).toBe(1);
  }, 300_000);

  it('spends no attempt broadcasting to a node that does not answer, and submits once it does', async () => {
    gate.close([
      'eth_sendRawTransaction',
      'eth_blockNumber',
      'eth_getTransactionReceipt',
      'eth_getTransactionByHash',
    ]);
    const held = await transfer(down, downAccount);
    await waitForStatus(member, down, held.id, ['signed']);
    // Well past the network's attempts (6), the transaction still waits, signed once.
    await eventually(
      async () => ((await broadcastFailures(down)) >= 10 ? true : undefined),
      'the ledger to retry the broadcast ten times',
    );
    expect(await member.tx.getTransaction({ id: down, txId: held.id })).toMatchObject({
      status: 'signed',
      attempts: 1,
    });
    const other = await transfer(up, upAccount);
    await waitForStatus(member, up, other.id, ['confirmed'], 90_000);

    gate.open();
    const confirmed = await waitForStatus(member, down, held.id, ['confirmed'], 90_000);
    expect(confirmed.attempts).toBe(1);
    expect(
      Number(
        await jsonRpc<string>(anvil.rpcUrl, 'eth_getTransactionCount', [downAccount, 'latest']),
      ),
    ).toBe(Number(held.nonce) + 1);
  }, 300_000);

  it('keeps following the other network while a submitted transaction cannot be followed', async () => {
    await jsonRpc(anvil.rpcUrl, 'evm_setAutomine', [false]);
    const pending = await transfer(down, downAccount);
    await waitForStatus(member, down, pending.id, ['submitted']);

    gate.close(SUBMITTER_METHODS);
    await jsonRpc(anvil.rpcUrl, 'evm_mine');
    const other = await transfer(up, upAccount);
    await waitForStatus(member, up, other.id, ['confirmed'], 90_000);
    expect((await member.tx.getTransaction({ id: down, txId: pending.id })).status).toBe(
      'submitted',
    );

    gate.open();
    await jsonRpc(anvil.rpcUrl, 'evm_setAutomine', [true]);
    const confirmed = await waitForStatus(member, down, pending.id, ['confirmed'], 90_000);
    const receipt = await jsonRpc<{ status: string } | null>(
      anvil.rpcUrl,
      'eth_getTransactionReceipt',
      [confirmed.hash],
    );
    expect(receipt?.status).toBe('0x1');
  }, 300_000);
});
