/**
 * In-memory KeyVault for unit tests and e2e runs until a persistent keystore is wired: keys
 * live only in this process (lost at restart), so never use it outside tests.
 */
import { randomUUID } from 'node:crypto';
import { Transaction, Wallet, type TransactionLike } from 'ethers';
import { type CreatedKey, KeyVault, type SigningAudit, UnknownKeyError } from './key-vault';

export interface SigningRecord extends SigningAudit {
  keyId: string;
  at: Date;
}

export class InMemoryKeyVault extends KeyVault {
  private readonly wallets = new Map<string, Wallet>();
  readonly signings: SigningRecord[] = [];

  async createKey(_ownerOrganisationId: string, _label: string): Promise<CreatedKey> {
    const keyId = randomUUID();
    const wallet = Wallet.createRandom();
    this.wallets.set(keyId, new Wallet(wallet.privateKey));
    return { keyId, address: wallet.address };
  }

  async sign(keyId: string, unsignedTx: TransactionLike, audit: SigningAudit): Promise<string> {
    const wallet = this.wallet(keyId);
    this.signings.push({ keyId, ...audit, at: new Date() });
    const tx = Transaction.from({ ...unsignedTx, from: undefined });
    return wallet.signTransaction(tx);
  }

  async addressOf(keyId: string): Promise<string> {
    return this.wallet(keyId).address;
  }

  private wallet(keyId: string): Wallet {
    const wallet = this.wallets.get(keyId);
    if (!wallet) throw new UnknownKeyError(keyId);
    return wallet;
  }
}
