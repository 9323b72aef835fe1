import { DomainProblem } from '@strata/bus';
import type { FeeOffer } from '../../gas/gas-policy';
import { EvmNode } from '../../node/evm-node';
import type { LedgerTransaction } from '../ledger-transaction.entity';
import { requireFundsForFreeGasReplacement } from './free-gas-replacement';

const FROM = `0x${'1'.repeat(40)}`;
const ZERO: FeeOffer = { type: 'eip1559', maxFeePerGas: 0n, maxPriorityFeePerGas: 0n };
const ONE_WEI: FeeOffer = { type: 'eip1559', maxFeePerGas: 1n, maxPriorityFeePerGas: 1n };

/** A node that only answers the account's balance, and counts how often it was asked. */
function nodeWithBalance(balance: bigint): EvmNode & { asked: number } {
  const node = Object.create(EvmNode.prototype) as EvmNode & { asked: number };
  node.asked = 0;
  node.send = async (_rpcUrl, method) => {
    node.asked += 1;
    if (method !== 'eth_getBalance') throw new Error(`unexpected ${method}`);
    return `0x${balance.toString(16)}`;
  };
  return node;
}

const tx = (fields: Partial<LedgerTransaction> = {}) =>
  ({
    id: 'tx-1',
    from: FROM,
    gasLimit: '30000',
    value: '5',
    cancelHashes: null,
    ...fields,
  }) as LedgerTransaction;

const refusal = async (promise: Promise<void>) => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('requireFundsForFreeGasReplacement', () => {
  it('lets a speed-up through when the account pays gas x 1 wei plus the value', async () => {
    const node = nodeWithBalance(30_005n);
    await requireFundsForFreeGasReplacement(node, 'rpc', tx(), ZERO, ONE_WEI, 'attempt');
    expect(node.asked).toBe(1);
  });

  it('refuses with a 409 naming the account, the cost and the balance when it cannot pay', async () => {
    const error = await refusal(
      requireFundsForFreeGasReplacement(
        nodeWithBalance(30_004n),
        'rpc',
        tx(),
        ZERO,
        ONE_WEI,
        'attempt',
      ),
    );
    expect(error).toBeInstanceOf(DomainProblem);
    const { problem } = error as DomainProblem;
    expect(problem.status).toBe(409);
    expect(problem.code).toBe('free-gas-replacement-unfunded');
    expect(problem.detail).toContain(FROM);
    expect(problem.detail).toContain('30005 wei');
    expect(problem.detail).toContain('balance 30004 wei');
  });

  it('prices a cancellation as a 21,000 gas no-op without the value', async () => {
    const node = nodeWithBalance(21_000n);
    await requireFundsForFreeGasReplacement(node, 'rpc', tx(), ZERO, ONE_WEI, 'cancellation');
    const error = await refusal(
      requireFundsForFreeGasReplacement(
        nodeWithBalance(20_999n),
        'rpc',
        tx(),
        ZERO,
        ONE_WEI,
        'cancellation',
      ),
    );
    expect((error as DomainProblem).problem.code).toBe('free-gas-replacement-unfunded');
  });

  it('does not read the balance when the pending attempt has a price (not a free-gas replacement)', async () => {
    const node = nodeWithBalance(0n);
    const priced: FeeOffer = { type: 'legacy', gasPrice: 10n };
    await requireFundsForFreeGasReplacement(
      node,
      'rpc',
      tx(),
      priced,
      { type: 'legacy', gasPrice: 12n },
      'attempt',
    );
    expect(node.asked).toBe(0);
  });
});
