import type { MikroORM } from '@mikro-orm/postgresql';
import { Registry } from 'prom-client';
import { Clock } from '@strata/runtime';
import { SigningAccount } from '../accounts/signing-account.entity';
import { DEFAULT_GAS_SETTINGS } from '../gas/gas-policy';
import { LedgerNetwork } from '../networks/ledger-network.entity';
import type { NetworkSettings } from '../networks/transaction-settings/network-settings';
import { EvmNode } from '../node/evm-node';
import type { NonceAllocator } from '../nonces/nonce-allocator';
import { BroadcastOutcomes } from './broadcast-outcomes';
import type { FrozenAccountRelease } from './frozen-account-release';
import { LedgerTransaction } from './ledger-transaction.entity';
import type { ReceiptFollower } from './receipt-follower';
import { byNetworkAndAccount, inOrder, signInOrder } from './signing-order';
import { SubmitterMetrics } from './submitter.metrics';
import type { TransactionSigner } from './transaction-signer';
import { TransactionSubmitter } from './transaction-submitter';

const NOW = new Date('2026-01-01T00:00:00Z');
const ALICE = '0x00000000000000000000000000000000000000a1';
const BOB = '0x00000000000000000000000000000000000000b0';

class FixedClock extends Clock {
  now(): Date {
    return NOW;
  }
}

function accepted(networkId: string, from: string, nonce: number): LedgerTransaction {
  return {
    id: `${networkId}-${from.slice(-2)}-${nonce}`,
    networkId,
    from,
    nonce,
    status: 'accepted',
    hash: null,
    raw: null,
    previousHashes: [],
    attempts: 0,
    requestedBy: { subject: 'user-1', organisationId: 'org-1', roles: [] },
    organisationId: 'org-1',
    kind: 'transfer',
    to: BOB,
    value: '1',
    gasLimit: '21000',
    blockNumber: null,
    contractAddress: null,
    failureReason: null,
    nextCheckAt: NOW,
    createdAt: NOW,
    updatedAt: NOW,
  } as unknown as LedgerTransaction;
}

const settings = {
  pollIntervalMs: 100,
  confirmations: 1,
  feeBumpAfterMs: 1000,
  maxAttempts: 3,
  gas: DEFAULT_GAS_SETTINGS,
};

/**
 * A submitter over an in-memory batch: networks `up` and `down` (whose node does not answer),
 * `failing` ids the vault refuses to sign, `unreadFreeze` accounts whose freeze read fails.
 */
function submitterOver(
  txs: LedgerTransaction[],
  options: { failing?: string[]; unreadFreeze?: string[]; lowerAccepted?: LedgerTransaction[] },
) {
  const outbox: unknown[] = [];
  const em = {
    find: async (entity: unknown, where: Record<string, unknown>) => {
      if (entity === LedgerNetwork) {
        return ['up', 'down'].map((id) => ({ id, rpcUrl: `http://${id}` }));
      }
      if (entity === SigningAccount) {
        return txs.map((tx) => ({ networkId: tx.networkId, address: tx.from, keyId: 'key' }));
      }
      if (entity === LedgerTransaction) {
        return where.nextCheckAt ? txs : [...txs, ...(options.lowerAccepted ?? [])];
      }
      return [];
    },
    create: (_entity: unknown, data: unknown) => outbox.push(data),
  };
  const orm = {
    em: { fork: () => ({ transactional: (work: (e: unknown) => unknown) => work(em) }) },
  } as unknown as MikroORM;
  const node = Object.create(EvmNode.prototype) as EvmNode;
  node.chainId = async (rpcUrl) => {
    if (rpcUrl === 'http://down') throw new Error('connect ECONNREFUSED');
    return 31337n;
  };
  node.feeData = async () => ({ baseFeePerGas: null, gasPrice: 10n, maxPriorityFeePerGas: 0n });
  node.broadcast = async (rpcUrl) => {
    throw new Error(rpcUrl === 'http://down' ? 'connect ECONNREFUSED' : 'insufficient funds');
  };
  node.blockNumber = async (rpcUrl) => {
    if (rpcUrl === 'http://down') throw new Error('connect ECONNREFUSED');
    return 1;
  };
  const applied: string[] = [];
  // The real bounded retries (retryOrStick), with broadcast answers recorded instead of applied.
  const outcomes = new BroadcastOutcomes(node, {} as NonceAllocator, new FixedClock(), settings);
  outcomes.apply = async (_em, _outbox, tx) => {
    applied.push(tx.id);
  };
  const signed: string[] = [];
  const signer = {
    signAttempt: async (tx: LedgerTransaction) => {
      if (options.failing?.includes(tx.id)) throw new Error('vault unavailable');
      signed.push(tx.id);
    },
  } as unknown as TransactionSigner;
  const frozen = {
    refusals: async () =>
      new Map((options.unreadFreeze ?? []).map((key) => [key, new Error('call timed out')])),
    release: async () => [],
  } as unknown as FrozenAccountRelease;
  const networkSettings = { of: async () => new Map() } as unknown as NetworkSettings;
  const registry = new Registry();
  const submitter = new TransactionSubmitter(
    orm,
    node,
    signer,
    {} as ReceiptFollower,
    outcomes,
    new FixedClock(),
    settings,
    networkSettings,
    frozen,
    new SubmitterMetrics(registry),
  );
  return { submitter, signed, applied, outbox, registry };
}

describe('signing order', () => {
  it('groups a batch by network, then by account in nonce order', () => {
    const groups = byNetworkAndAccount([
      accepted('up', ALICE, 2),
      accepted('down', ALICE, 0),
      accepted('up', ALICE, 1),
      accepted('up', BOB, 5),
    ]);
    expect([...groups.keys()]).toEqual(['down', 'up']);
    expect(
      groups
        .get('up')
        ?.get(`up/${ALICE}`)
        ?.map((tx) => tx.nonce),
    ).toEqual([1, 2]);
    expect(
      groups
        .get('up')
        ?.get(`up/${BOB}`)
        ?.map((tx) => tx.nonce),
    ).toEqual([5]);
  });

  it('signs an account only when no lower nonce of it is still accepted outside the pass', () => {
    const account = [accepted('up', ALICE, 4), accepted('up', ALICE, 5)];
    expect(inOrder(account, 4)).toBe(true);
    expect(inOrder(account, undefined)).toBe(true);
    expect(inOrder(account, 3)).toBe(false);
  });

  it('holds back the failed nonce and every later one of the account', async () => {
    const account = [1, 2, 3].map((n) => accepted('up', ALICE, n));
    const held: LedgerTransaction[] = [];
    const signed = await signInOrder(
      account,
      async (tx) => {
        if (tx.nonce === 2) throw new Error('vault unavailable');
      },
      (txs) => held.push(...txs),
    );
    expect(signed).toBe(1);
    expect(held.map((tx) => tx.nonce)).toEqual([2, 3]);
  });
});

describe('TransactionSubmitter.signAccepted isolation', () => {
  it('signs the answering network while the other network is held back for a later pass', async () => {
    const txs = [accepted('down', ALICE, 0), accepted('up', BOB, 0), accepted('up', BOB, 1)];
    const { submitter, signed, registry } = submitterOver(txs, {});
    expect(await submitter.signAccepted()).toBe(2);
    expect(signed).toEqual(['up-b0-0', 'up-b0-1']);
    expect(txs.map((tx) => tx.status)).toEqual(['accepted', 'signed', 'signed']);
    expect(txs[0].nextCheckAt.getTime()).toBe(NOW.getTime() + 4 * settings.pollIntervalMs);
    const metrics = await registry.getSingleMetricAsString(
      'strata_ledger_submitter_failures_total',
    );
    expect(metrics).toContain('stage="sign",network="down"} 1');
  });

  it('a vault error on nonce n holds back n+1.. of the same account only', async () => {
    const txs = [
      accepted('up', ALICE, 0),
      accepted('up', ALICE, 1),
      accepted('up', ALICE, 2),
      accepted('up', BOB, 7),
    ];
    const { submitter, signed } = submitterOver(txs, { failing: ['up-a1-1'] });
    expect(await submitter.signAccepted()).toBe(2);
    expect(signed).toEqual(['up-a1-0', 'up-b0-7']);
    expect(txs.map((tx) => tx.status)).toEqual(['signed', 'accepted', 'accepted', 'signed']);
    expect(txs[1].nextCheckAt.getTime()).toBeGreaterThan(NOW.getTime());
    expect(txs[2].nextCheckAt.getTime()).toBeGreaterThan(NOW.getTime());
  });

  it('a vault that keeps refusing a transaction makes it stuck with an alert after the bounded attempts, with backoff in between', async () => {
    const txs = [accepted('up', ALICE, 0), accepted('up', ALICE, 1), accepted('up', BOB, 0)];
    const { submitter, outbox } = submitterOver(txs, { failing: ['up-a1-0'] });
    await submitter.signAccepted();
    expect(txs[0]).toMatchObject({ status: 'accepted', attempts: 1 });
    expect(txs[0].nextCheckAt.getTime()).toBe(NOW.getTime() + 2 * settings.pollIntervalMs);
    await submitter.signAccepted();
    expect(txs[0]).toMatchObject({ status: 'accepted', attempts: 2 });
    expect(txs[0].nextCheckAt.getTime()).toBe(NOW.getTime() + 4 * settings.pollIntervalMs);
    outbox.length = 0;
    await submitter.signAccepted(); // the third refusal: settings.maxAttempts = 3
    expect(txs[0]).toMatchObject({
      status: 'stuck',
      attempts: 3,
      failureReason: 'signing failed: vault unavailable',
    });
    // Its successor waits behind it, unsigned; the other account was signed in the first pass.
    expect(txs.map((tx) => tx.status)).toEqual(['stuck', 'accepted', 'signed']);
    const topics = outbox.map((row) => (row as { topic: string }).topic);
    expect(topics).toContain('strata.ledger.transaction-stuck.v1');
    expect(topics).toContain('strata.ledger.transaction-alert.v1');
  });

  it('does not sign above a lower nonce of the account that waits after a failure', async () => {
    const txs = [accepted('up', ALICE, 3), accepted('up', BOB, 0)];
    const waiting = accepted('up', ALICE, 2);
    const { submitter, signed } = submitterOver(txs, { lowerAccepted: [waiting] });
    expect(await submitter.signAccepted()).toBe(1);
    expect(signed).toEqual(['up-b0-0']);
    expect(txs[0].status).toBe('accepted');
  });

  it('holds back an account whose freeze could not be read, never signing it blind', async () => {
    const txs = [accepted('up', ALICE, 0), accepted('up', BOB, 0)];
    const { submitter, signed } = submitterOver(txs, { unreadFreeze: [`up/${ALICE}`] });
    expect(await submitter.signAccepted()).toBe(1);
    expect(signed).toEqual(['up-b0-0']);
    expect(txs[0].status).toBe('accepted');
  });
});

describe('TransactionSubmitter.broadcastSigned isolation', () => {
  it('a node that does not answer costs no attempt; an answering node records its refusal', async () => {
    const txs = [accepted('down', ALICE, 0), accepted('up', BOB, 0)].map((tx) =>
      Object.assign(tx, { status: 'signed', raw: '0x02', attempts: 1 }),
    );
    const { submitter, applied, registry } = submitterOver(txs, {});
    await submitter.broadcastSigned();
    expect(applied).toEqual(['up-b0-0']);
    expect(txs[0]).toMatchObject({ status: 'signed', attempts: 1 });
    expect(txs[0].nextCheckAt.getTime()).toBe(NOW.getTime() + 4 * settings.pollIntervalMs);
    const metrics = await registry.getSingleMetricAsString(
      'strata_ledger_submitter_failures_total',
    );
    expect(metrics).toContain('stage="broadcast",network="down"} 1');
  });
});
