/**
 * Per-network transaction settings, a reorganised block and a stuck account, on a private anvil:
 * a platform admin sets the network's confirmations and attempts; a mined transaction whose
 * block is reorganised away goes back to `submitted` and is followed to `confirmed` again; an
 * account that cannot pay is `stuck` with an alert after the network's bounded attempts while
 * another account's transactions keep being confirmed, and a speed-up recovers it once funded.
 */
import { randomUUID } from 'node:crypto';
import { LedgerTransactionTopics } from '@strata/contracts';
import { jsonRpc, type PrivateAnvil, startPrivateAnvil } from '@strata/testing';
import { apiAs, type Api, raw } from './support/api';
import { eventually } from './support/eventually';
import { type EventTap, tapEvents } from './support/kafka-events';
import { settle, settledBody } from './support/operations';
import {
  anvilNetwork,
  type Member,
  memberWithRole,
  signingAccount,
  transactionsApi,
} from './support/ledger';

const SINK = '0x000000000000000000000000000000000000a11c';

describe('per-network settings, reorg and stuck transactions', () => {
  let anvil: PrivateAnvil;
  let admin: Api;
  let alice: Member;
  let networkId: string;
  let account: string;
  let tap: EventTap;

  beforeAll(async () => {
    tap = await tapEvents([
      LedgerTransactionTopics.transitioned('submitted'),
      LedgerTransactionTopics.transitioned('mined'),
      LedgerTransactionTopics.transactionAlert,
    ]);
    anvil = await startPrivateAnvil();
    admin = await apiAs('admin');
    alice = await memberWithRole(admin);
    networkId = await anvilNetwork(admin, [alice.organisationId], anvil.rpcUrl);
    account = await signingAccount(alice, networkId, anvil.rpcUrl);
  }, 120_000);

  afterAll(async () => {
    await tap?.close();
    await anvil?.stop();
  });

  const putSettings = async (api: Api, body: object) =>
    settle(
      api,
      await raw(api, 'PUT', `/api/v1/networks/${networkId}/transaction-settings`, body, {
        'idempotency-key': randomUUID(),
      }),
    );

  const transfer = (from: string, value: string, gasLimit?: string) =>
    alice.tx.submitTransaction({
      id: networkId,
      idempotencyKey: randomUUID(),
      submitTransaction: { kind: 'transfer', from, to: SINK, value, ...(gasLimit && { gasLimit }) },
    });

  const read = (txId: string) => alice.tx.getTransaction({ id: networkId, txId });

  /** Mines a block per probe until the transaction is confirmed (the network wants 3). */
  const confirmedByMining = (txId: string) =>
    eventually(
      async () => {
        await jsonRpc(anvil.rpcUrl, 'evm_mine');
        const tx = await read(txId);
        return tx.status === 'confirmed' ? tx : undefined;
      },
      `transaction ${txId} to be confirmed`,
      90_000,
    );

  const eventsOf = (txId: string, topic: string) =>
    tap.events.filter(
      (e) =>
        e.topic === topic &&
        ((e.payload.id ?? (e.payload.transaction as { id?: string })?.id) as string) === txId,
    );

  it("sets the network's confirmations and attempts (platform admin only, validated), and members read them", async () => {
    const defaults = await alice.tx.getNetworkTransactionSettings({ id: networkId });
    expect(defaults).toMatchObject({ networkId, overridden: [] });
    const set = await transactionsApi(admin).setNetworkTransactionSettingsRaw({
      id: networkId,
      idempotencyKey: randomUUID(),
      networkTransactionSettings: { confirmations: 3, maxAttempts: 3 },
    });
    expect([200, 202]).toContain(set.raw.status);
    const settings = (await settledBody(admin, set.raw)) as { feeCapWei: string };
    expect(settings).toMatchObject({
      networkId,
      confirmations: 3,
      maxAttempts: 3,
      overridden: ['confirmations', 'maxAttempts'],
    });
    expect(BigInt(settings.feeCapWei)).toBeGreaterThan(0n);
    // Read back by the administrator and by a member; the rest keep the ledger-wide values.
    expect(await transactionsApi(admin).getNetworkTransactionSettings({ id: networkId })).toEqual(
      settings,
    );
    expect(await alice.tx.getNetworkTransactionSettings({ id: networkId })).toEqual({
      ...defaults,
      confirmations: 3,
      maxAttempts: 3,
      overridden: ['confirmations', 'maxAttempts'],
    });
    // An organisation that is not a member does not learn the network exists.
    const outsider = await memberWithRole(admin);
    const hidden = await raw(
      outsider.api,
      'GET',
      `/api/v1/networks/${networkId}/transaction-settings`,
    );
    expect(hidden.status).toBe(404);
    expect(hidden.contentType).toContain('application/problem+json');
    expect((await putSettings(alice.api, { confirmations: 1 })).status).toBe(403);
    const bad = await putSettings(admin, { confirmations: 0, other: true });
    expect(bad.status).toBe(400);
    expect(bad.contentType).toContain('application/problem+json');

    // Three confirmations: a mined transaction waits for two more blocks.
    const accepted = await transfer(account, '1');
    const mined = await eventually(async () => {
      const tx = await read(accepted.id);
      return tx.status === 'mined' ? tx : undefined;
    }, 'the transfer to be mined');
    await jsonRpc(anvil.rpcUrl, 'evm_mine');
    expect((await read(accepted.id)).status).not.toBe('failed');
    const confirmed = await confirmedByMining(accepted.id);
    const head = Number(await jsonRpc<string>(anvil.rpcUrl, 'eth_blockNumber'));
    expect(head - (mined.blockNumber ?? 0) + 1).toBeGreaterThanOrEqual(3);
    expect(confirmed.blockNumber).toBe(mined.blockNumber);
  }, 150_000);

  it('follows a mined transaction whose block is reorganised away back to submitted, then to confirmed', async () => {
    const accepted = await transfer(account, '2');
    const mined = await eventually(async () => {
      const tx = await read(accepted.id);
      return tx.status === 'mined' ? tx : undefined;
    }, 'the transfer to be mined');
    const block = mined.blockNumber ?? 0;

    await jsonRpc(anvil.rpcUrl, 'anvil_reorg', [1, []]);
    await eventually(
      () => eventsOf(accepted.id, LedgerTransactionTopics.transitioned('submitted')).length >= 2,
      'the transaction to go back to submitted',
    );
    const confirmed = await confirmedByMining(accepted.id);
    expect(confirmed.nonce).toBe(mined.nonce);
    expect(confirmed.blockNumber).not.toBe(block);
    const receipt = await jsonRpc<{ blockNumber: string } | null>(
      anvil.rpcUrl,
      'eth_getTransactionReceipt',
      [confirmed.hash],
    );
    expect(Number(receipt?.blockNumber)).toBe(confirmed.blockNumber);
    // The API answers `confirmed` once the ledger committed it; its events reach Kafka (and this
    // test's consumer) through the outbox a moment later, so wait for them instead of racing them.
    const minedEvents = () => eventsOf(accepted.id, LedgerTransactionTopics.transitioned('mined'));
    await eventually(() => minedEvents().length >= 2, 'both mined transitions to be published');
    expect(minedEvents()).toHaveLength(2);
  }, 150_000);

  it('marks a transaction stuck with an alert after bounded attempts while another account keeps flowing', async () => {
    const poor = await signingAccount(alice, networkId, anvil.rpcUrl);
    // Enough for the value, not for the gas: every broadcast is refused by the node.
    await jsonRpc(anvil.rpcUrl, 'anvil_setBalance', [poor, '0x3e8']);
    const stuck = await transfer(poor, '1', '21000');
    const flowing = await Promise.all([1, 2, 3, 4, 5].map((v) => transfer(account, String(v))));
    for (const tx of flowing) await confirmedByMining(tx.id);

    const settled = await eventually(async () => {
      const tx = await read(stuck.id);
      return tx.status === 'stuck' ? tx : undefined;
    }, 'the poor account to be stuck');
    expect(settled.attempts).toBe(3);
    expect(settled.failureReason).toMatch(/insufficient funds/i);
    const alert = await eventually(
      () => eventsOf(stuck.id, LedgerTransactionTopics.transactionAlert)[0],
      'the stuck alert',
    );
    expect(alert.payload).toMatchObject({ alert: 'transaction-stuck' });

    // Funded again, an institution admin speeds it up and it goes through.
    await jsonRpc(anvil.rpcUrl, 'anvil_setBalance', [poor, '0x8ac7230489e80000']);
    const sped = await settle(
      alice.api,
      await raw(
        alice.api,
        'POST',
        `/api/v1/networks/${networkId}/transactions/${stuck.id}/speed-up`,
        {},
        { 'idempotency-key': randomUUID() },
      ),
    );
    expect(sped.status).toBe(202);
    const confirmed = await confirmedByMining(stuck.id);
    expect(confirmed.nonce).toBe(stuck.nonce);
  }, 200_000);
});
