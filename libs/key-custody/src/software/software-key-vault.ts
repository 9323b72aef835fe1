/**
 * The default KeyVault: secp256k1 keys generated in this process, stored only sealed
 * (AES-256-GCM under the passphrase-derived KEK, see @strata/persistence key-encryption.ts) in the ledger's schema,
 * opened for the moment of one signature. Private keys are never logged or returned.
 */
import { getBytes, type Signature, SigningKey, Wallet } from 'ethers';
import type { Clock } from '@strata/runtime';
import { CustodiedKeyVault, type GeneratedKey } from '../custody/custodied-key-vault';
import type { KeyCustodyStore, StoredKey } from '../custody/key-custody-store';
import { KeyEncryption } from '@strata/persistence';

export class SoftwareKeyVault extends CustodiedKeyVault {
  protected readonly custody = 'software' as const;
  private readonly encryption: KeyEncryption;

  constructor(store: KeyCustodyStore, clock: Clock, passphrase: string) {
    super(store, clock);
    this.encryption = new KeyEncryption(passphrase);
  }

  protected async generate(keyId: string): Promise<GeneratedKey> {
    const wallet = Wallet.createRandom();
    const privateKey = getBytes(wallet.privateKey);
    try {
      const material = this.encryption.seal(privateKey, { keyId, address: wallet.address });
      return { address: wallet.address, material };
    } finally {
      privateKey.fill(0);
    }
  }

  protected async signWithKey(key: StoredKey, digest: Uint8Array): Promise<Signature> {
    const privateKey = this.encryption.open(key.material, key);
    try {
      return new SigningKey(privateKey).sign(digest);
    } finally {
      privateKey.fill(0);
    }
  }
}
