import { createHash, randomBytes } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519';
import { p256 } from '@noble/curves/p256';
import { secp256k1 } from '@noble/curves/secp256k1';
import fc from 'fast-check';
import { DomainProblem } from '@strata/bus';
import { ensureSoftHsmTestToken } from '@strata/testing';
import { Pkcs11KeyVault } from '../pkcs11/pkcs11-key-vault';
import { Pkcs11Token } from '../pkcs11/pkcs11-token';
import { SoftwareKeyVault } from '../software/software-key-vault';
import type { CustodiedKeyVault } from './custodied-key-vault';
import { InMemoryKeyCustodyStore, type KeyCurve } from './key-custody-store';

const org = '7f1b2c3d-0000-4000-8000-000000000001';
const clock = { now: () => new Date('2026-11-26T12:00:00Z') };
const admin = {
  actor: 'u-1',
  reason: 'issue',
  organisationId: org,
  roles: ['institution-admin' as const],
};
const operator = { ...admin, actor: 'u-2', roles: ['operator' as const] };

function verifies(curve: KeyCurve, publicKey: Uint8Array, message: Uint8Array, sig: Uint8Array) {
  const digest = new Uint8Array(createHash('sha256').update(message).digest());
  if (curve === 'Ed25519') return ed25519.verify(sig, message, publicKey);
  if (curve === 'P-256') return p256.verify(sig, digest, publicKey);
  return secp256k1.verify(sig, digest, publicKey); // low s required, as did-jwt's ES256K verifier does
}

interface OpenVault {
  vault: CustodiedKeyVault;
  close: () => void;
}

describe.each<[string, (store: InMemoryKeyCustodyStore) => Promise<OpenVault>]>([
  [
    'software keystore',
    async (store: InMemoryKeyCustodyStore) => ({
      vault: new SoftwareKeyVault(store, clock, 'test passphrase', {
        systemActor: 'system:identity',
      }),
      close: () => undefined,
    }),
  ],
  [
    'SoftHSM2 token',
    async (store: InMemoryKeyCustodyStore) => {
      const token = await Pkcs11Token.open(ensureSoftHsmTestToken());
      return {
        vault: new Pkcs11KeyVault(store, clock, token, {
          systemActor: 'system:identity',
        }),
        close: () => token.close(),
      };
    },
  ],
])('JWS signing with the %s', (_name, open) => {
  const store = new InMemoryKeyCustodyStore();
  let vault: CustodiedKeyVault;
  let close: () => void;

  beforeAll(async () => {
    ({ vault, close } = await open(store));
  });
  afterAll(() => close());

  it.each(['secp256k1', 'P-256', 'Ed25519'] as const)(
    'signs JWS inputs with a %s key that verify with its public key, each use audited',
    async (curve) => {
      const key = await vault.createSigningKey(org, `did-${curve}`, { curve });
      expect(key.address === null).toBe(curve !== 'secp256k1');
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }), async (input) => {
          const signature = await vault.signJws(key.keyId, input, admin);
          expect(signature).toHaveLength(64);
          expect(verifies(curve, key.publicKey, input, signature)).toBe(true);
        }),
        { numRuns: 5 },
      );
      const usages = store.usages.filter((u) => u.keyId === key.keyId);
      expect(usages).toHaveLength(5);
      expect(
        usages.every((u) => u.purpose === 'jws' && u.curve === curve && u.actor === 'u-1'),
      ).toBe(true);
    },
  );

  it("enforces the key's signer roles: an operator is refused a key only institution-admins may use", async () => {
    const key = await vault.createSigningKey(org, 'admins-only', {
      curve: 'P-256',
      signerRoles: ['institution-admin'],
    });
    const before = store.usages.length;
    await expect(vault.signJws(key.keyId, randomBytes(20), operator)).rejects.toBeInstanceOf(
      DomainProblem,
    );
    await expect(vault.signJws(key.keyId, randomBytes(20), operator)).rejects.toMatchObject({
      problem: { status: 403 },
    });
    expect(store.usages.length).toBe(before);
    await expect(vault.signJws(key.keyId, randomBytes(20), admin)).resolves.toHaveLength(64);
    await expect(
      vault.signJws(key.keyId, randomBytes(20), {
        actor: 'system:identity',
        reason: 'status list',
      }),
    ).resolves.toHaveLength(64);
    await expect(
      vault.signJws(key.keyId, randomBytes(20), { actor: 'system:ledger', reason: 'not identity' }),
    ).rejects.toMatchObject({ problem: { status: 403 } });
  });

  it('refuses an empty signing input and keeps signing afterwards', async () => {
    const key = await vault.createSigningKey(org, 'ed-empty', { curve: 'Ed25519' });
    await expect(vault.signJws(key.keyId, new Uint8Array(0), admin)).rejects.toThrow(/never empty/);
    await expect(vault.signJws(key.keyId, randomBytes(8), admin)).resolves.toHaveLength(64);
  });

  it('refuses to sign an EVM transaction with a key that is not secp256k1', async () => {
    const key = await vault.createSigningKey(org, 'ed', { curve: 'Ed25519' });
    await expect(
      vault.sign(key.keyId, { chainId: 1n, nonce: 0, gasLimit: 21_000n, gasPrice: 1n }, admin),
    ).rejects.toThrow(/not an EVM account key/);
  });
});
