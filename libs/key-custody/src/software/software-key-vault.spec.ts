import { computeAddress, getBytes, SigningKey, Transaction, type TransactionLike } from 'ethers';
import { DomainProblem } from '@strata/bus';
import { KeyEncryption } from '@strata/persistence';
import { InMemoryKeyCustodyStore } from '../custody/key-custody-store';
import { LEDGER_SYSTEM_ACTOR } from '../custody/key-usage-policy';
import { UnknownKeyError } from '../key-vault';
import { SoftwareKeyVault } from './software-key-vault';

const org = '7f1b2c3d-0000-4000-8000-000000000001';
const clock = { now: () => new Date('2026-11-23T12:00:00Z') };
const operator = {
  actor: 'user-1',
  reason: 'pay',
  organisationId: org,
  roles: ['operator' as const],
};
const eip1559: TransactionLike = {
  type: 2,
  chainId: 31337n,
  nonce: 0,
  gasLimit: 21000n,
  maxFeePerGas: 2n,
  maxPriorityFeePerGas: 1n,
  value: 5n,
  to: '0x00000000000000000000000000000000000000aa',
};

describe('SoftwareKeyVault', () => {
  const setup = () => {
    const store = new InMemoryKeyCustodyStore();
    return { store, vault: new SoftwareKeyVault(store, clock, 'test passphrase') };
  };

  it('keeps only the sealed private key and signs EIP-1559 and legacy transactions from the key address', async () => {
    const { store, vault } = setup();
    const { keyId, address } = await vault.createKey(org, 'hot-1');
    const stored = store.keys.get(keyId);
    expect(stored).toMatchObject({
      ownerOrganisationId: org,
      label: 'hot-1',
      address,
      custody: 'software',
    });
    expect(stored?.material).toMatch(/^v1\./);
    for (const unsigned of [
      eip1559,
      {
        ...eip1559,
        type: 0,
        gasPrice: 3n,
        maxFeePerGas: undefined,
        maxPriorityFeePerGas: undefined,
      },
    ]) {
      const tx = Transaction.from(await vault.sign(keyId, unsigned, operator));
      expect(tx.from).toBe(address);
      expect(tx.type).toBe(unsigned.type);
    }
    expect(await vault.addressOf(keyId)).toBe(address);
  });

  it('audits every signature with who, what, when and why', async () => {
    const { store, vault } = setup();
    const { keyId, address } = await vault.createKey(org, 'hot-1');
    const raw = await vault.sign(keyId, eip1559, operator);
    const digest = new Uint8Array(32).fill(1);
    const signature = await vault.signDigest(keyId, digest, {
      actor: LEDGER_SYSTEM_ACTOR,
      reason: 'approve',
    });
    expect(computeAddress(SigningKey.recoverPublicKey(digest, signature))).toBe(address);
    expect(store.usages).toEqual([
      expect.objectContaining({
        keyId,
        address,
        actor: 'user-1',
        actorOrganisationId: org,
        purpose: 'transaction',
        txHash: Transaction.from(raw).hash,
        digest: Transaction.from(raw).unsignedHash,
        reason: 'pay',
        signedAt: clock.now(),
      }),
      expect.objectContaining({
        keyId,
        actor: LEDGER_SYSTEM_ACTOR,
        purpose: 'digest',
        reason: 'approve',
      }),
    ]);
  });

  it('opens a sealed key once for many signatures, audits each, and opens it again after forget', async () => {
    const { store, vault } = setup();
    const { keyId } = await vault.createKey(org, 'hot-1');
    const open = jest.spyOn(KeyEncryption.prototype, 'open');
    try {
      for (let nonce = 0; nonce < 3; nonce++)
        await vault.sign(keyId, { ...eip1559, nonce }, operator);
      expect(open).toHaveBeenCalledTimes(1);
      vault.forget(keyId);
      await vault.sign(keyId, eip1559, operator);
      expect(open).toHaveBeenCalledTimes(2);
      expect(store.usages).toHaveLength(4);
    } finally {
      open.mockRestore();
      vault.forgetAll();
    }
  });

  it('opens the sealed key for every signature when the cache is turned off', async () => {
    const store = new InMemoryKeyCustodyStore();
    const vault = new SoftwareKeyVault(store, clock, 'test passphrase', {
      unsealedKeyCache: false,
    });
    const { keyId } = await vault.createKey(org, 'hot-1');
    const open = jest.spyOn(KeyEncryption.prototype, 'open');
    try {
      await vault.sign(keyId, eip1559, operator);
      await vault.sign(keyId, eip1559, operator);
      expect(open).toHaveBeenCalledTimes(2);
    } finally {
      open.mockRestore();
    }
  });

  it('refuses another organisation or an auditor with 403 and audits nothing', async () => {
    const { store, vault } = setup();
    const { keyId } = await vault.createKey(org, 'hot-1');
    const other = { ...operator, organisationId: '7f1b2c3d-0000-4000-8000-000000000002' };
    await expect(vault.sign(keyId, eip1559, other)).rejects.toBeInstanceOf(DomainProblem);
    await expect(
      vault.sign(keyId, eip1559, { ...operator, roles: ['auditor'] }),
    ).rejects.toMatchObject({ problem: { status: 403 } });
    expect(store.usages).toEqual([]);
  });

  it('refuses a tampered sealed key, a transaction from another address and unknown keys', async () => {
    const { store, vault } = setup();
    const { keyId } = await vault.createKey(org, 'hot-1');
    await expect(
      vault.sign(
        keyId,
        { ...eip1559, from: '0x00000000000000000000000000000000000000bb' },
        operator,
      ),
    ).rejects.toThrow(/not from key/);
    await vault.sign(keyId, eip1559, operator); // the opened key is now cached
    const stored = store.keys.get(keyId)!;
    const bytes = getBytes(
      `0x${Buffer.from(stored.material.split('.')[4], 'base64url').toString('hex')}`,
    );
    bytes[0] ^= 1;
    const parts = stored.material.split('.');
    parts[4] = Buffer.from(bytes).toString('base64url');
    store.keys.set(keyId, { ...stored, material: parts.join('.') });
    await expect(vault.sign(keyId, eip1559, operator)).rejects.toThrow(/does not authenticate/);
    await expect(vault.addressOf('nope')).rejects.toBeInstanceOf(UnknownKeyError);
    expect(store.usages).toHaveLength(1);
    vault.forgetAll();
  });
});
