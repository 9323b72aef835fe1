import { randomBytes } from 'node:crypto';
import { computeAddress, SigningKey } from 'ethers';
import { InMemoryKeyCustodyStore } from '../custody/key-custody-store';
import { Pkcs11KeyVault } from './pkcs11-key-vault';
import { Pkcs11Token } from './pkcs11-token';
import { ensureSoftHsmTestToken } from '@strata/testing';

const org = '7f1b2c3d-0000-4000-8000-000000000001';
const clock = { now: () => new Date() };
const operator = {
  actor: 'user-1',
  reason: 'test',
  organisationId: org,
  roles: ['operator' as const],
};

describe('Pkcs11KeyVault on a SoftHSM2 token', () => {
  let token: Pkcs11Token;
  const store = new InMemoryKeyCustodyStore();
  let vault: Pkcs11KeyVault;

  beforeAll(async () => {
    token = await Pkcs11Token.open(ensureSoftHsmTestToken());
    vault = new Pkcs11KeyVault(store, clock, token);
  });

  afterAll(() => {
    token?.close();
  });

  it('generates a non-extractable key whose digest signatures recover to its address', async () => {
    const { keyId, address } = await vault.createKey(org, 'hsm-1');
    expect(store.keys.get(keyId)).toMatchObject({ custody: 'pkcs11', address });
    expect(token.privateKeyFlags(Buffer.from(store.keys.get(keyId)!.material, 'hex'))).toEqual({
      sensitive: true,
      extractable: false,
    });
    for (let round = 0; round < 20; round += 1) {
      const digest = randomBytes(32);
      const signature = await vault.signDigest(keyId, digest, operator);
      expect(computeAddress(SigningKey.recoverPublicKey(digest, signature))).toBe(address);
    }
    expect(store.usages).toHaveLength(20);
  });

  it('signs after a restart (a fresh vault reads the public point from the token)', async () => {
    const { keyId, address } = await vault.createKey(org, 'hsm-restart');
    const restarted = new Pkcs11KeyVault(store, clock, token);
    const digest = randomBytes(32);
    const signature = await restarted.signDigest(keyId, digest, operator);
    expect(computeAddress(SigningKey.recoverPublicKey(digest, signature))).toBe(address);
  });

  it('refuses another organisation before touching the token', async () => {
    const { keyId } = await vault.createKey(org, 'hsm-3');
    const before = store.usages.length;
    await expect(
      vault.signDigest(keyId, randomBytes(32), { ...operator, organisationId: undefined }),
    ).rejects.toMatchObject({ problem: { status: 403 } });
    expect(store.usages).toHaveLength(before);
  });
});
