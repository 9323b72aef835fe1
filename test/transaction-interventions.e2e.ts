/**
 * Speed-up and four-eyes cancellation of a pending transaction, on a private anvil whose mining
 * is paused so the transaction waits in the pool: the replacement takes the same nonce with a
 * higher fee, a cancellation is signed only after a second institution admin of the owning
 * organisation approves, and the nonce ends with exactly one mined transaction.
 */
import { randomUUID } from 'node:crypto';
import { TransactionInterventionTopics } from '@strata/contracts';
import { jsonRpc, type PrivateAnvil, startPrivateAnvil } from '@strata/testing';
import { apiAs, raw, type RawResponse } from './support/api';
import { eventually } from './support/eventually';
import { type EventTap, tapEvents } from './support/kafka-events';
import { settle, settledBody } from './support/operations';
import {
  anvilNetwork,
  type Member,
  memberWithRole,
  secondAdminOf,
  signingAccount,
  waitForStatus,
} from './support/ledger';

const SINK = '0x000000000000000000000000000000000000beef';

interface PoolTransaction {
  hash: string;
  nonce: string;
  to: string;
  value: string;
  maxFeePerGas?: string;
  gasPrice?: string;
}

describe('speed-up and four-eyes cancellation of a pending transaction', () => {
  let anvil: PrivateAnvil;
  let alice: Member;
  let bob: Member;
  let carol: Member;
  let networkId: string;
  let account: string;
  let tap: EventTap;

  beforeAll(async () => {
    tap = await tapEvents([
      TransactionInterventionTopics.transactionCancelRequested,
      TransactionInterventionTopics.transactionCancelApproved,
      TransactionInterventionTopics.transactionSpedUp,
    ]);
    anvil = await startPrivateAnvil(['--no-mining']);
    const admin = await apiAs('admin');
    alice = await memberWithRole(admin);
    bob = await secondAdminOf(alice);
    carol = await memberWithRole(admin);
    networkId = await anvilNetwork(
      admin,
      [alice.organisationId, carol.organisationId],
      anvil.rpcUrl,
    );
    account = await signingAccount(alice, networkId, anvil.rpcUrl, true);
  }, 120_000);

  afterAll(async () => {
    await tap?.close();
    await anvil?.stop();
  });

  const submitTransfer = async (value: string) =>
    alice.tx.submitTransaction({
      id: networkId,
      idempotencyKey: randomUUID(),
      submitTransaction: { kind: 'transfer', from: account, to: SINK, value },
    });

  const post = async (member: Member, path: string, body: object): Promise<RawResponse> =>
    settle(
      member.api,
      await raw(member.api, 'POST', `/api/v1/networks/${networkId}/transactions/${path}`, body, {
        'idempotency-key': randomUUID(),
      }),
    );

  const inPool = (hash: string) =>
    jsonRpc<PoolTransaction | null>(anvil.rpcUrl, 'eth_getTransactionByHash', [hash]);
  const receipt = (hash: string) =>
    jsonRpc<{ status: string } | null>(anvil.rpcUrl, 'eth_getTransactionReceipt', [hash]);
  const minedCount = async () =>
    Number(await jsonRpc<string>(anvil.rpcUrl, 'eth_getTransactionCount', [account, 'latest']));

  it('speeds up a pending transaction at the same nonce with a higher fee; only the replacement is mined', async () => {
    const accepted = await submitTransfer('3');
    const first = await waitForStatus(alice, networkId, accepted.id, ['submitted']);
    const original = (await inPool(first.hash ?? '')) as PoolTransaction;

    const outsider = await post(carol, `${accepted.id}/speed-up`, {});
    expect(outsider.status).toBe(403);
    expect(outsider.contentType).toContain('application/problem+json');

    const answer = await bob.tx.speedUpTransactionRaw({
      id: networkId,
      txId: accepted.id,
      idempotencyKey: randomUUID(),
      speedUpTransaction: { reason: 'payroll deadline' },
    });
    expect(answer.raw.status).toBe(202);
    const sped = await settledBody(bob.api, answer.raw);
    expect(sped).toMatchObject({ id: accepted.id, nonce: first.nonce });
    const replacementHash = String(sped.hash);
    expect(replacementHash).not.toBe(first.hash);

    const replacement = await eventually(
      async () => (await inPool(replacementHash)) ?? undefined,
      'the replacement in the pool',
    );
    expect(replacement?.nonce).toBe(original.nonce);
    expect(BigInt(replacement?.maxFeePerGas ?? replacement?.gasPrice ?? 0)).toBeGreaterThan(
      BigInt(original.maxFeePerGas ?? original.gasPrice ?? 0),
    );

    await jsonRpc(anvil.rpcUrl, 'evm_mine');
    const confirmed = await waitForStatus(alice, networkId, accepted.id, ['confirmed']);
    expect(confirmed.nonce).toBe(first.nonce);
    expect(await receipt(first.hash ?? '')).toBeNull();
    expect(await receipt(confirmed.hash ?? '')).not.toBeNull();
    // Exactly one transaction took the nonce, and nothing beyond it was mined.
    expect(await minedCount()).toBe(Number(confirmed.nonce) + 1);
    await eventually(
      () =>
        tap.events.find(
          (e) =>
            e.topic === TransactionInterventionTopics.transactionSpedUp &&
            (e.payload.transaction as { id: string }).id === accepted.id,
        ),
      'the transaction-sped-up event',
    );
  }, 150_000);

  it('cancels only after a second administrator of the same organisation approves', async () => {
    const sinkBefore = BigInt(
      await jsonRpc<string>(anvil.rpcUrl, 'eth_getBalance', [SINK, 'latest']),
    );
    const accepted = await submitTransfer('7');
    const first = await waitForStatus(alice, networkId, accepted.id, ['submitted']);
    // The read model says no cancellation was asked for (the console offers no approval); read
    // raw, since the SDK turns an optional null into undefined.
    const before = await raw(
      alice.api,
      'GET',
      `/api/v1/networks/${networkId}/transactions/${first.id}`,
    );
    expect(before.body.cancellation).toBeNull();

    const noReason = await post(alice, `${accepted.id}/cancellation`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.contentType).toContain('application/problem+json');
    expect((await post(alice, 'not-a-uuid/cancellation', { reason: 'x' })).status).toBe(400);
    // Nothing was recorded: approving finds no request yet.
    expect((await post(bob, `${accepted.id}/cancellation/approval`, {})).status).toBe(404);

    const requestedRaw = await alice.tx.requestTransactionCancelRaw({
      id: networkId,
      txId: accepted.id,
      idempotencyKey: randomUUID(),
      requestTransactionCancel: { reason: 'wrong payee' },
    });
    const requested = await settledBody(alice.api, requestedRaw.raw);
    expect(requested).toMatchObject({ transactionId: accepted.id, status: 'requested' });
    const again = await post(bob, `${accepted.id}/cancellation`, { reason: 'twice' });
    expect(again.status).toBe(409);
    // GET and the list now show the pending cancellation: who asked and when, not approved yet.
    const pendingCancellation = {
      status: 'requested',
      requestedBy: requested.requestedBy,
      requestedAt: requested.requestedAt,
      approvedBy: null,
      approvedAt: null,
    };
    const withRequest = await bob.tx.getTransaction({ id: networkId, txId: accepted.id });
    expect(withRequest.cancellation).toEqual({
      ...pendingCancellation,
      requestedAt: new Date(String(requested.requestedAt)),
    });
    const listed = await raw(
      bob.api,
      'GET',
      `/api/v1/networks/${networkId}/transactions?limit=100`,
    );
    const items = listed.body.items as { id: string; cancellation: unknown }[];
    expect(items.find((tx) => tx.id === accepted.id)?.cancellation).toEqual(pendingCancellation);

    const self = await post(alice, `${accepted.id}/cancellation/approval`, {});
    expect(self.status).toBe(403);
    expect(self.body).toMatchObject({ status: 403 });
    expect(String(self.body.type)).toContain('four-eyes-required');
    const outsider = await post(carol, `${accepted.id}/cancellation/approval`, {});
    expect(outsider.status).toBe(403);
    expect(outsider.contentType).toContain('application/problem+json');

    // Refused approvals changed nothing: the original is what waits in the pool.
    const unchanged = await alice.tx.getTransaction({ id: networkId, txId: accepted.id });
    expect(unchanged.status).toBe('submitted');
    expect((await inPool(unchanged.hash ?? ''))?.to.toLowerCase()).toBe(SINK.toLowerCase());

    const approval = {
      id: networkId,
      txId: accepted.id,
      idempotencyKey: randomUUID(),
      approveTransactionCancel: { comment: 'confirmed with the requester' },
    };
    const approvedRaw = await bob.tx.approveTransactionCancelRaw(approval);
    expect(approvedRaw.raw.status).toBe(202);
    const approved = await settledBody(bob.api, approvedRaw.raw);
    expect(approved).toMatchObject({ status: 'approved', approvedBy: expect.any(String) });
    expect(approved.approvedBy).not.toBe(approved.requestedBy);
    const afterApproval = await alice.tx.getTransaction({ id: networkId, txId: accepted.id });
    expect(afterApproval.cancellation).toMatchObject({
      status: 'approved',
      approvedBy: approved.approvedBy,
    });
    // The same request again (same Idempotency-Key) answers the same, and signs nothing new.
    const repeated = await bob.tx.approveTransactionCancelRaw(approval);
    expect(await settledBody(bob.api, repeated.raw)).toEqual(approved);

    const cancelling = await eventually(async () => {
      const read = await alice.tx.getTransaction({ id: networkId, txId: accepted.id });
      const pooled = read.hash && read.hash !== first.hash ? await inPool(read.hash) : null;
      return pooled ?? undefined;
    }, 'the cancellation in the pool');
    expect(cancelling.to.toLowerCase()).toBe(account.toLowerCase());
    expect(BigInt(cancelling.value)).toBe(0n);
    expect(cancelling.nonce).toBe(`0x${Number(first.nonce).toString(16)}`);

    await jsonRpc(anvil.rpcUrl, 'evm_mine');
    const cancelled = await waitForStatus(alice, networkId, accepted.id, ['cancelled']);
    expect(cancelled.nonce).toBe(first.nonce);
    expect(await receipt(first.hash ?? '')).toBeNull();
    expect(await receipt(cancelled.hash ?? '')).not.toBeNull();
    expect(await minedCount()).toBe(Number(cancelled.nonce) + 1);
    expect(BigInt(await jsonRpc<string>(anvil.rpcUrl, 'eth_getBalance', [SINK, 'latest']))).toBe(
      sinkBefore,
    );

    const late = await post(bob, `${accepted.id}/speed-up`, {});
    expect(late.status).toBe(409);

    const audit = await eventually(() => {
      const mine = tap.events.filter(
        (e) =>
          (e.payload.cancellation as { transactionId?: string })?.transactionId === accepted.id,
      );
      return mine.length >= 2 ? mine : undefined;
    }, 'the cancellation audit events');
    expect(audit.map((e) => e.topic).sort()).toEqual([
      TransactionInterventionTopics.transactionCancelApproved,
      TransactionInterventionTopics.transactionCancelRequested,
    ]);
  }, 150_000);
});
