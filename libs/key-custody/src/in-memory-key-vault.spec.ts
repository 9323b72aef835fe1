import { Transaction } from 'ethers';
import { InMemoryKeyVault } from './in-memory-key-vault';
import { UnknownKeyError } from './key-vault';

describe('InMemoryKeyVault', () => {
  it('signs a transaction recoverable to the key address and audits who signed', async () => {
    const vault = new InMemoryKeyVault();
    const { keyId, address } = await vault.createKey('org-1', 'hot-1');
    const raw = await vault.sign(
      keyId,
      { to: address, value: 1n, nonce: 0, gasLimit: 21000n, gasPrice: 1n, chainId: 31337n },
      { actor: 'user-1', reason: 'test' },
    );
    expect(Transaction.from(raw).from).toBe(address);
    expect(await vault.addressOf(keyId)).toBe(address);
    expect(vault.signings).toEqual([expect.objectContaining({ keyId, actor: 'user-1' })]);
  });

  it('rejects an unknown key', async () => {
    await expect(new InMemoryKeyVault().addressOf('nope')).rejects.toBeInstanceOf(UnknownKeyError);
  });
});
