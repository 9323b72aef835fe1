import type { EntityManager } from '@mikro-orm/postgresql';
import type { OutboxEntry, OutboxWriter } from '@strata/bus';
import { Clock } from '@strata/runtime';
import { DEFAULT_GAS_SETTINGS } from '../gas/gas-policy';
import { EvmNode, type ReceiptView } from '../node/evm-node';
import { NonceAllocator } from '../nonces/nonce-allocator';
import { BroadcastOutcomes } from './broadcast-outcomes';
import type { LedgerTransaction } from './ledger-transaction.entity';

const NOW = new Date('2026-01-01T00:00:00Z');
const HASH = `0x${'ab'.repeat(32)}`;

class FixedClock extends Clock {
  now(): Date {
    return NOW;
  }
}

/** The node as these tests need it: receipts and the mined count of the account. */
function nodeWith(receipts: Record<string, ReceiptView>, minedCount: number): EvmNode {
  const node = Object.create(EvmNode.prototype) as EvmNode;
  node.receipt = async (_rpcUrl, hash) => receipts[hash] ?? null;
  node.minedCount = async () => minedCount;
  return node;
}

/** An allocator over one in-memory sequence (the SQL one is covered by the e2e tests). */
class SequenceAllocator extends NonceAllocator {
  constructor(public next: number) {
    super();
  }
  override async allocate(): Promise<number> {
    return this.next++;
  }
  override async reconcile(
    _em: EntityManager,
    _n: string,
    _a: string,
    chainCount: number,
  ): Promise<number> {
    this.next = Math.max(this.next, chainCount);
    return this.next;
  }
}

function transaction(overrides: Partial<LedgerTransaction> = {}): LedgerTransaction {
  return {
    id: 'tx-1',
    networkId: 'net-1',
    from: '0x0000000000000000000000000000000000000001',
    nonce: 3,
    status: 'signed',
    hash: HASH,
    raw: '0x02',
    previousHashes: [],
    attempts: 1,
    failureReason: null,
    organisationId: 'org-1',
    kind: 'transfer',
    to: null,
    value: '0',
    gasLimit: '21000',
    blockNumber: null,
    contractAddress: null,
    nextCheckAt: NOW,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  } as LedgerTransaction;
}

function recorder(): { outbox: OutboxWriter; entries: OutboxEntry[] } {
  const entries: OutboxEntry[] = [];
  return {
    outbox: { add: (entry: OutboxEntry) => entries.push(entry) } as unknown as OutboxWriter,
    entries,
  };
}

const settings = {
  pollIntervalMs: 100,
  confirmations: 1,
  feeBumpAfterMs: 1000,
  maxAttempts: 3,
  gas: DEFAULT_GAS_SETTINGS,
};
const em = {} as EntityManager;

describe('BroadcastOutcomes', () => {
  it('counts an "already known" answer as submitted', async () => {
    const tx = transaction();
    const { outbox, entries } = recorder();
    const outcomes = new BroadcastOutcomes(
      nodeWith({}, 0),
      new SequenceAllocator(9),
      new FixedClock(),
      settings,
    );
    await outcomes.apply(em, outbox, tx, 'rpc', new Error('already known'));
    expect(tx.status).toBe('submitted');
    expect(entries.map((e) => e.topic)).toEqual(['strata.ledger.transaction-submitted.v1']);
  });

  it('reconciles "nonce too low" to submitted when one of its own attempts is already mined', async () => {
    const tx = transaction({ previousHashes: [HASH], hash: `0x${'cd'.repeat(32)}` });
    const mined = {
      hash: HASH,
      status: 1,
      blockNumber: 5,
      blockHash: HASH,
      contractAddress: null,
    } as const;
    const outcomes = new BroadcastOutcomes(
      nodeWith({ [HASH]: mined }, 4),
      new SequenceAllocator(9),
      new FixedClock(),
      settings,
    );
    await outcomes.apply(em, recorder().outbox, tx, 'rpc', new Error('nonce too low'));
    expect(tx).toMatchObject({ status: 'submitted', nonce: 3 });
  });

  it('moves a transaction whose nonce was used outside the ledger to the next free nonce after the chain', async () => {
    const tx = transaction({ nonce: 3 });
    const allocator = new SequenceAllocator(4);
    const outcomes = new BroadcastOutcomes(nodeWith({}, 7), allocator, new FixedClock(), settings);
    await outcomes.apply(
      em,
      recorder().outbox,
      tx,
      'rpc',
      new Error('nonce too low: next nonce 7'),
    );
    expect(tx).toMatchObject({ status: 'accepted', nonce: 7, raw: null, hash: null });
    expect(allocator.next).toBe(8);
  });

  it('retries other errors later and marks the transaction stuck with an alert after the bound', async () => {
    const tx = transaction({ attempts: 1 });
    const { outbox, entries } = recorder();
    const outcomes = new BroadcastOutcomes(
      nodeWith({}, 0),
      new SequenceAllocator(9),
      new FixedClock(),
      settings,
    );
    await outcomes.apply(em, outbox, tx, 'rpc', new Error('connection refused'));
    expect(tx.status).toBe('signed');
    expect(tx.nextCheckAt.getTime()).toBeGreaterThan(NOW.getTime());
    await outcomes.apply(em, outbox, tx, 'rpc', new Error('connection refused'));
    expect(tx.status).toBe('stuck');
    expect(tx.failureReason).toContain('connection refused');
    expect(entries.map((e) => e.topic)).toEqual([
      'strata.ledger.transaction-stuck.v1',
      'strata.ledger.transaction-alert.v1',
    ]);
  });
});
