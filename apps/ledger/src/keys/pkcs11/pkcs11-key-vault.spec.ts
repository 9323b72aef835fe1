import { randomBytes } from 'node:crypto';
import {
  computeAddress,
  JsonRpcProvider,
  parseEther,
  SigningKey,
  Transaction,
  Wallet,
} from 'ethers';
import { ANVIL_CHAIN_ID, jsonRpc, startPrivateAnvil, type PrivateAnvil } from '@strata/testing';
import { InMemoryKeyCustodyStore } from '../custody/key-custody-store';
import { Pkcs11KeyVault } from './pkcs11-key-vault';
import { Pkcs11Token } from './pkcs11-token';
import { ensureSoftHsmTestToken } from './softhsm-test-token';

const org = '7f1b2c3d-0000-4000-8000-000000000001';
const clock = { now: () => new Date() };
const operator = {
  actor: 'user-1',
  reason: 'test',
  organisationId: org,
  roles: ['operator' as const],
};
/** anvil's first dev account (well-known test key) funds the HSM key. */
const ANVIL_DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

describe('Pkcs11KeyVault on a SoftHSM2 token', () => {
  let token: Pkcs11Token;
  let anvil: PrivateAnvil;
  const store = new InMemoryKeyCustodyStore();
  let vault: Pkcs11KeyVault;

  beforeAll(async () => {
    token = Pkcs11Token.open(ensureSoftHsmTestToken());
    vault = new Pkcs11KeyVault(store, clock, token);
    anvil = await startPrivateAnvil();
  });

  afterAll(async () => {
    token?.close();
    await anvil?.stop();
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

  it('signs an EIP-1559 transfer that anvil accepts and mines', async () => {
    const { keyId, address } = await vault.createKey(org, 'hsm-2');
    const provider = new JsonRpcProvider(anvil.rpcUrl, ANVIL_CHAIN_ID, { staticNetwork: true });
    const funder = new Wallet(ANVIL_DEV_KEY, provider);
    const funding = await funder.sendTransaction({ to: address, value: parseEther('1') });
    await waitForReceipt(anvil.rpcUrl, funding.hash);
    const recipient = Wallet.createRandom().address;
    const raw = await vault.sign(
      keyId,
      {
        type: 2,
        chainId: BigInt(ANVIL_CHAIN_ID),
        nonce: 0,
        to: recipient,
        value: 12345n,
        gasLimit: 21_000n,
        maxFeePerGas: 10_000_000_000n,
        maxPriorityFeePerGas: 1_000_000_000n,
      },
      operator,
    );
    expect(Transaction.from(raw).from).toBe(address);
    const hash = await jsonRpc<string>(anvil.rpcUrl, 'eth_sendRawTransaction', [raw]);
    const receipt = await waitForReceipt(anvil.rpcUrl, hash);
    expect(receipt).toMatchObject({ status: '0x1', from: address.toLowerCase() });
    expect(await provider.getBalance(recipient)).toBe(12345n);
    expect(store.usages.at(-1)).toMatchObject({ keyId, purpose: 'transaction', txHash: hash });
    provider.destroy();
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

async function waitForReceipt(
  rpcUrl: string,
  hash: string,
): Promise<{ status: string; from: string }> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const receipt = await jsonRpc<{ status: string; from: string } | null>(
      rpcUrl,
      'eth_getTransactionReceipt',
      [hash],
    );
    if (receipt) return receipt;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no receipt for ${hash}`);
}
