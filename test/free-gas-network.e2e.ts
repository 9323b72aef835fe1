/**
 * A free-gas network (Besu-style zero base fee and gas price, here a private anvil started so):
 * the ledger prices transactions at zero and they are confirmed. A zero-priced pending
 * transaction can still be sped up or cancelled: the replacement offers 1 wei per gas (a node
 * replaces only at a strictly higher price); an account that cannot pay that is answered 409.
 */
import { randomUUID } from 'node:crypto';
import { jsonRpc, type PrivateAnvil, startPrivateAnvil } from '@strata/testing';
import { apiAs, raw, type RawResponse } from './support/api';
import { eventually } from './support/eventually';
import { settle } from './support/operations';
import {
  anvilNetwork,
  type Member,
  memberWithRole,
  secondAdminOf,
  signingAccount,
  waitForStatus,
} from './support/ledger';

const FREE_GAS = ['--base-fee', '0', '--gas-price', '0', '--disable-min-priority-fee'];

const SINK = '0x000000000000000000000000000000000000dEaD';

describe('ledger on a free-gas network', () => {
  let anvil: PrivateAnvil;

  beforeAll(async () => {
    anvil = await startPrivateAnvil(FREE_GAS);
  });

  afterAll(async () => {
    await anvil?.stop();
  });

  it('confirms a transfer offered at zero fees', async () => {
    const admin = await apiAs('admin');
    const alice = await memberWithRole(admin);
    const networkId = await anvilNetwork(admin, [alice.organisationId], anvil.rpcUrl);
    const account = await signingAccount(alice, networkId, anvil.rpcUrl);

    const accepted = await alice.tx.submitTransaction({
      id: networkId,
      idempotencyKey: randomUUID(),
      submitTransaction: { kind: 'transfer', from: account, to: SINK, value: '5' },
    });
    const confirmed = await waitForStatus(alice, networkId, accepted.id, ['confirmed']);

    const onChain = await jsonRpc<{ maxFeePerGas?: string; gasPrice?: string }>(
      anvil.rpcUrl,
      'eth_getTransactionByHash',
      [confirmed.hash],
    );
    expect(BigInt(onChain.maxFeePerGas ?? onChain.gasPrice ?? '0x1')).toBe(0n);
    const receipt = await jsonRpc<{ effectiveGasPrice: string; status: string }>(
      anvil.rpcUrl,
      'eth_getTransactionReceipt',
      [confirmed.hash],
    );
    expect(receipt).toMatchObject({ status: '0x1' });
    expect(BigInt(receipt.effectiveGasPrice)).toBe(0n);
  });
});

describe('speed-up and cancellation on a free-gas network', () => {
  let anvil: PrivateAnvil;
  let alice: Member;
  let bob: Member;
  let networkId: string;
  let account: string;

  beforeAll(async () => {
    anvil = await startPrivateAnvil([...FREE_GAS, '--no-mining']);
    const admin = await apiAs('admin');
    alice = await memberWithRole(admin);
    bob = await secondAdminOf(alice);
    networkId = await anvilNetwork(admin, [alice.organisationId], anvil.rpcUrl);
    account = await signingAccount(alice, networkId, anvil.rpcUrl, true);
  }, 120_000);

  afterAll(async () => {
    await anvil?.stop();
  });

  const pending = async (from: string, value: string) => {
    const accepted = await alice.tx.submitTransaction({
      id: networkId,
      idempotencyKey: randomUUID(),
      submitTransaction: { kind: 'transfer', from, to: SINK, value },
    });
    return waitForStatus(alice, networkId, accepted.id, ['submitted']);
  };
  const priceOf = async (hash: string | null) => {
    const tx = await jsonRpc<{ maxFeePerGas?: string; gasPrice?: string }>(
      anvil.rpcUrl,
      'eth_getTransactionByHash',
      [hash],
    );
    return BigInt(tx.maxFeePerGas ?? tx.gasPrice ?? '0x0');
  };
  /** Mines a block per probe until the transaction reaches one of `statuses`. */
  const mined = (txId: string, statuses: ('confirmed' | 'cancelled')[]) =>
    eventually(
      async () => {
        await jsonRpc(anvil.rpcUrl, 'evm_mine');
        const tx = await alice.tx.getTransaction({ id: networkId, txId });
        return statuses.includes(tx.status as never) ? tx : undefined;
      },
      `transaction ${txId} to be ${statuses.join('|')}`,
    );
  const post = async (member: Member, path: string, body: object): Promise<RawResponse> =>
    settle(
      member.api,
      await raw(member.api, 'POST', `/api/v1/networks/${networkId}/transactions/${path}`, body, {
        'idempotency-key': randomUUID(),
      }),
    );

  it('speeds up a zero-priced transaction with a 1 wei replacement that is mined', async () => {
    const first = await pending(account, '3');
    expect(await priceOf(first.hash)).toBe(0n);
    const answer = await post(bob, `${first.id}/speed-up`, { reason: 'free gas' });
    expect(answer.status).toBe(202);
    const sped = await waitForStatus(alice, networkId, first.id, ['submitted']);
    expect(sped.hash).not.toBe(first.hash);
    expect(sped.nonce).toBe(first.nonce);
    expect(await priceOf(sped.hash)).toBe(1n);
    const confirmed = await mined(first.id, ['confirmed']);
    expect(confirmed.hash).toBe(sped.hash);
  });

  it('cancels a zero-priced transaction with a 1 wei no-op after the second approval', async () => {
    const first = await pending(account, '4');
    const requested = await post(alice, `${first.id}/cancellation`, { reason: 'wrong payee' });
    expect(requested.body).toMatchObject({ transactionId: first.id, status: 'requested' });
    const approved = await post(bob, `${first.id}/cancellation/approval`, {});
    expect(approved.body).toMatchObject({ transactionId: first.id, status: 'approved' });
    const replaced = await waitForStatus(alice, networkId, first.id, ['submitted']);
    expect(replaced.hash).not.toBe(first.hash);
    expect(await priceOf(replaced.hash)).toBe(1n);
    const cancelled = await mined(first.id, ['cancelled']);
    expect(cancelled.nonce).toBe(first.nonce);
  });

  it('answers 409 when the account cannot pay the 1 wei replacement, and keeps the transaction', async () => {
    const unfunded = await signingAccount(alice, networkId, anvil.rpcUrl, true);
    await jsonRpc(anvil.rpcUrl, 'anvil_setBalance', [unfunded, '0x0']);
    const first = await pending(unfunded, '0');
    const refused = await post(bob, `${first.id}/speed-up`, {});
    expect(refused.status).toBe(409);
    expect(refused.contentType).toContain('application/problem+json');
    expect(refused.body).toMatchObject({
      type: 'urn:strata:problem:free-gas-replacement-unfunded',
    });
    expect(String(refused.body.detail)).toContain(unfunded);
    const unchanged = await alice.tx.getTransaction({ id: networkId, txId: first.id });
    expect(unchanged).toMatchObject({ status: 'submitted', hash: first.hash, attempts: 1 });
    expect((await mined(first.id, ['confirmed'])).hash).toBe(first.hash);
  });
});
