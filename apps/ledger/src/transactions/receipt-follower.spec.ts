import type { MikroORM } from '@mikro-orm/postgresql';
import { Registry } from 'prom-client';
import { Clock } from '@strata/runtime';
import { DEFAULT_GAS_SETTINGS } from '../gas/gas-policy';
import { LedgerNetwork } from '../networks/ledger-network.entity';
import type { NetworkSettings } from '../networks/transaction-settings/network-settings';
import { EvmNode, type ReceiptView } from '../node/evm-node';
import type { BroadcastOutcomes } from './broadcast-outcomes';
import { LedgerTransaction } from './ledger-transaction.entity';
import { ReceiptFollower } from './receipt-follower';
import { SubmitterMetrics } from './submitter.metrics';
import type { TransactionSigner } from './transaction-signer';

const NOW = new Date('2026-01-01T00:00:00Z');
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;

class FixedClock extends Clock {
  now(): Date {
    return NOW;
  }
}

function submitted(networkId: string, n: number): LedgerTransaction {
  return {
    id: `${networkId}-${n}`,
    networkId,
    organisationId: 'org-1',
    from: '0x00000000000000000000000000000000000000a1',
    to: '0x00000000000000000000000000000000000000b0',
    kind: 'call',
    value: '0',
    data: '0x',
    abi: null,
    gasLimit: '50000',
    nonce: n,
    status: 'submitted',
    hash: hash(n),
    raw: '0x02',
    previousHashes: [],
    attempts: 1,
    blockNumber: null,
    blockHash: null,
    contractAddress: null,
    failureReason: null,
    broadcastAt: NOW,
    nextCheckAt: NOW,
    createdAt: NOW,
    updatedAt: NOW,
  } as unknown as LedgerTransaction;
}

const mined = (n: number, status: 0 | 1): ReceiptView => ({
  hash: hash(n),
  status,
  blockNumber: 5,
  blockHash: hash(100 + n),
  contractAddress: null,
});

describe('ReceiptFollower isolation', () => {
  it('follows the answering network, and never marks a reverted receipt mined before its reason is read', async () => {
    const txs = [submitted('up', 1), submitted('up', 2), submitted('down', 3)];
    const outbox: { topic: string }[] = [];
    const em = {
      find: async (entity: unknown) => {
        if (entity === LedgerTransaction) return txs;
        if (entity === LedgerNetwork) {
          return ['up', 'down'].map((id) => ({ id, rpcUrl: `http://${id}` }));
        }
        return [];
      },
      create: (_entity: unknown, data: { topic: string }) => outbox.push(data),
    };
    const orm = {
      em: { fork: () => ({ transactional: (work: (e: unknown) => unknown) => work(em) }) },
    } as unknown as MikroORM;
    const node = Object.create(EvmNode.prototype) as EvmNode;
    node.receipts = async (rpcUrl) => {
      if (rpcUrl === 'http://down') throw new Error('connect ECONNREFUSED');
      return [mined(1, 1), mined(2, 0)];
    };
    node.blockNumber = async () => 10;
    node.revertData = async () => {
      throw new Error('call timed out');
    };
    const registry = new Registry();
    const settings = {
      pollIntervalMs: 100,
      confirmations: 1,
      feeBumpAfterMs: 60_000,
      maxAttempts: 3,
      gas: DEFAULT_GAS_SETTINGS,
    };
    const follower = new ReceiptFollower(
      orm,
      node,
      {} as TransactionSigner,
      {} as BroadcastOutcomes,
      new FixedClock(),
      settings,
      { of: async () => new Map() } as unknown as NetworkSettings,
      new SubmitterMetrics(registry),
    );

    expect(await follower.followPending()).toBe(1);
    expect(txs.map((tx) => tx.status)).toEqual(['confirmed', 'submitted', 'submitted']);
    expect(txs[1].nextCheckAt.getTime()).toBe(NOW.getTime() + 4 * settings.pollIntervalMs);
    expect(txs[2].nextCheckAt.getTime()).toBe(NOW.getTime() + 4 * settings.pollIntervalMs);
    const metrics = await registry.getSingleMetricAsString(
      'strata_ledger_submitter_failures_total',
    );
    expect(metrics).toContain('stage="follow",network="up"} 1');
    expect(metrics).toContain('stage="follow",network="down"} 1');
  });
});
