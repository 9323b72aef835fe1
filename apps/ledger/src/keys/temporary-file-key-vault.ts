/**
 * TEMPORARY development KeyVault until the encrypted software keystore is wired: plain
 * ethers wallets in files under the OS temp directory, so keys survive a ledger restart in
 * tests. Never use it with real value: the private keys are stored unencrypted.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transaction, Wallet, type TransactionLike } from 'ethers';
import { type CreatedKey, KeyVault, type SigningAudit, UnknownKeyError } from './key-vault';

const KEY_ID = /^[0-9a-f-]{36}$/;

export class TemporaryFileKeyVault extends KeyVault {
  private readonly cache = new Map<string, Wallet>();

  constructor(private readonly directory = join(tmpdir(), 'strata-ledger-dev-keys')) {
    super();
  }

  async createKey(_ownerOrganisationId: string, _label: string): Promise<CreatedKey> {
    const keyId = randomUUID();
    const wallet = new Wallet(Wallet.createRandom().privateKey);
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    await writeFile(join(this.directory, keyId), wallet.privateKey, { mode: 0o600 });
    this.cache.set(keyId, wallet);
    return { keyId, address: wallet.address };
  }

  async sign(keyId: string, unsignedTx: TransactionLike, _audit: SigningAudit): Promise<string> {
    const wallet = await this.wallet(keyId);
    return wallet.signTransaction(Transaction.from({ ...unsignedTx, from: undefined }));
  }

  async addressOf(keyId: string): Promise<string> {
    return (await this.wallet(keyId)).address;
  }

  private async wallet(keyId: string): Promise<Wallet> {
    const known = this.cache.get(keyId);
    if (known) return known;
    if (!KEY_ID.test(keyId)) throw new UnknownKeyError(keyId);
    let privateKey: string;
    try {
      privateKey = (await readFile(join(this.directory, keyId), 'utf8')).trim();
    } catch {
      throw new UnknownKeyError(keyId);
    }
    const wallet = new Wallet(privateKey);
    this.cache.set(keyId, wallet);
    return wallet;
  }
}
