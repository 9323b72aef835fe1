/**
 * What both persistent KeyVault adapters share: key records in the custody store, the usage
 * policy checked before a key is touched, transaction signing as "sign the unsigned hash", and
 * the audit of every signature recorded before the signature leaves the vault. An adapter only
 * says how to make a key pair and how to sign a 32-byte digest with it.
 */
import { randomUUID } from 'node:crypto';
import {
  getAddress,
  getBytes,
  hexlify,
  type Signature,
  Transaction,
  type TransactionLike,
} from 'ethers';
import type { Clock } from '@strata/runtime';
import { type CreatedKey, KeyVault, type SigningAudit, UnknownKeyError } from '../key-vault';
import type { KeyCustody, KeyCustodyStore, StoredKey } from './key-custody-store';
import { assertMaySign } from './key-usage-policy';

export interface GeneratedKey {
  address: string;
  material: string;
}

export abstract class CustodiedKeyVault extends KeyVault {
  protected abstract readonly custody: KeyCustody;

  constructor(
    protected readonly store: KeyCustodyStore,
    private readonly clock: Clock,
  ) {
    super();
  }

  /** Makes a key pair for a key id; returns its address and what the store keeps to use it. */
  protected abstract generate(keyId: string): Promise<GeneratedKey>;
  /** Signs a 32-byte digest with the key (an Ethereum signature, low s). */
  protected abstract signWithKey(key: StoredKey, digest: Uint8Array): Promise<Signature>;

  async createKey(ownerOrganisationId: string, label: string): Promise<CreatedKey> {
    const keyId = randomUUID();
    const { address, material } = await this.generate(keyId);
    await this.store.saveKey({
      keyId,
      ownerOrganisationId,
      label,
      address: getAddress(address),
      custody: this.custody,
      material,
      createdAt: this.clock.now(),
    });
    return { keyId, address: getAddress(address) };
  }

  async sign(keyId: string, unsignedTx: TransactionLike, audit: SigningAudit): Promise<string> {
    const key = await this.usableKey(keyId, audit);
    const tx = Transaction.from({ ...unsignedTx, signature: undefined, from: undefined });
    if (unsignedTx.from && getAddress(unsignedTx.from) !== key.address) {
      throw new Error(`the transaction is from ${unsignedTx.from}, not from key ${keyId}`);
    }
    const digest = getBytes(tx.unsignedHash);
    tx.signature = await this.signWithKey(key, digest);
    await this.audit(key, audit, 'transaction', digest, tx.hash ?? undefined);
    return tx.serialized;
  }

  /** Signs a 32-byte digest (e.g. a multisig approval); audited like a transaction. */
  async signDigest(keyId: string, digest: Uint8Array, audit: SigningAudit): Promise<Signature> {
    if (digest.length !== 32) throw new Error('a digest to sign must be 32 bytes');
    const key = await this.usableKey(keyId, audit);
    const signature = await this.signWithKey(key, digest);
    await this.audit(key, audit, 'digest', digest);
    return signature;
  }

  async addressOf(keyId: string): Promise<string> {
    return (await this.known(keyId)).address;
  }

  private async usableKey(keyId: string, audit: SigningAudit): Promise<StoredKey> {
    const key = await this.known(keyId);
    if (key.custody !== this.custody) {
      throw new Error(`key ${keyId} is held by the ${key.custody} vault, not by this one`);
    }
    assertMaySign(key.ownerOrganisationId, audit);
    return key;
  }

  private async known(keyId: string): Promise<StoredKey> {
    const key = await this.store.findKey(keyId);
    if (!key) throw new UnknownKeyError(keyId);
    return key;
  }

  private async audit(
    key: StoredKey,
    audit: SigningAudit,
    purpose: 'transaction' | 'digest',
    digest: Uint8Array,
    txHash?: string,
  ): Promise<void> {
    await this.store.recordUsage({
      id: randomUUID(),
      keyId: key.keyId,
      ownerOrganisationId: key.ownerOrganisationId,
      address: key.address,
      custody: key.custody,
      actor: audit.actor,
      actorOrganisationId: audit.organisationId,
      purpose,
      digest: hexlify(digest),
      txHash,
      reason: audit.reason,
      signedAt: this.clock.now(),
    });
  }
}
