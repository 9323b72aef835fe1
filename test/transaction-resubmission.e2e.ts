/**
 * Resubmission on a private anvil whose mining is paused (so transactions wait in the pool):
 * a dropped transaction is broadcast again, and one not mined within the fee-bump timeout is
 * replaced at the same nonce with a higher fee, and the replacement is what gets mined.
 */
import { jsonRpc, type PrivateAnvil, startPrivateAnvil } from '@strata/testing';
import { apiAs } from './support/api';
import { eventually } from './support/eventually';
import {
  anvilNetwork,
  type Member,
  memberWithRole,
  signingAccount,
  submitTransfer,
  waitForStatus,
} from './support/ledger';

const SINK = '0x000000000000000000000000000000000000dEaD';

interface PoolTransaction {
  hash: string;
  nonce: string;
  maxFeePerGas?: string;
  gasPrice?: string;
}

describe('ledger resubmission with mining paused', () => {
  let anvil: PrivateAnvil;
  let alice: Member;
  let networkId: string;
  let account: string;

  beforeAll(async () => {
    anvil = await startPrivateAnvil(['--no-mining']);
    const admin = await apiAs('admin');
    alice = await memberWithRole(admin);
    networkId = await anvilNetwork(admin, [alice.organisationId], anvil.rpcUrl);
    account = await signingAccount(alice, networkId, anvil.rpcUrl, true);
  });

  afterAll(async () => {
    await anvil?.stop();
  });

  const transferOf = (value: string) =>
    submitTransfer(alice, networkId, { from: account, to: SINK, value });

  const inPool = (hash: string) =>
    jsonRpc<PoolTransaction | null>(anvil.rpcUrl, 'eth_getTransactionByHash', [hash]);

  it('broadcasts a transaction again when the node drops it from its pool', async () => {
    const accepted = await transferOf('1');
    const submitted = await waitForStatus(alice, networkId, accepted.id, ['submitted']);
    const hash = submitted.hash ?? '';
    expect(await inPool(hash)).not.toBeNull();

    await jsonRpc(anvil.rpcUrl, 'anvil_dropTransaction', [hash]);
    expect(await inPool(hash)).toBeNull();

    await eventually(async () => (await inPool(hash)) !== null, 'the ledger to rebroadcast');
    await jsonRpc(anvil.rpcUrl, 'evm_mine');
    const confirmed = await waitForStatus(alice, networkId, accepted.id, ['confirmed']);
    expect(confirmed).toMatchObject({ hash, attempts: 1 });
  });

  it('replaces a transaction not mined within the timeout at the same nonce with a higher fee', async () => {
    const accepted = await transferOf('2');
    const first = await waitForStatus(alice, networkId, accepted.id, ['submitted']);
    const original = (await inPool(first.hash ?? '')) as PoolTransaction;

    const bumped = await eventually(
      async () => {
        const read = await alice.tx.getTransaction({ id: networkId, txId: accepted.id });
        return read.attempts >= 2 ? read : undefined;
      },
      'the fee bump',
      90_000,
    );
    expect(bumped.nonce).toBe(first.nonce);
    expect(bumped.hash).not.toBe(first.hash);
    const replacement = await eventually(() => inPool(bumped.hash ?? ''), 'the replacement');
    expect(BigInt(replacement?.maxFeePerGas ?? replacement?.gasPrice ?? 0)).toBeGreaterThan(
      BigInt(original.maxFeePerGas ?? original.gasPrice ?? 0),
    );
    expect(replacement?.nonce).toBe(original.nonce);

    await jsonRpc(anvil.rpcUrl, 'evm_mine');
    const confirmed = await waitForStatus(alice, networkId, accepted.id, ['confirmed']);
    expect(confirmed.hash).toBe(bumped.hash);
  }, 150_000);
});
