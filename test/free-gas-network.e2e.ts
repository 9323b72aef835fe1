/**
 * A free-gas network (Besu-style zero base fee and gas price, here a private anvil started so):
 * the ledger prices transactions at zero and they are confirmed.
 */
import { randomUUID } from 'node:crypto';
import { jsonRpc, type PrivateAnvil, startPrivateAnvil } from '@strata/testing';
import { apiAs } from './support/api';
import { anvilNetwork, memberWithRole, signingAccount, waitForStatus } from './support/ledger';

const SINK = '0x000000000000000000000000000000000000dEaD';

describe('ledger on a free-gas network', () => {
  let anvil: PrivateAnvil;

  beforeAll(async () => {
    anvil = await startPrivateAnvil([
      '--base-fee',
      '0',
      '--gas-price',
      '0',
      '--disable-min-priority-fee',
    ]);
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
