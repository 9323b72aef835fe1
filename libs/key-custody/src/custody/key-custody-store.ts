/**
 * Where the persistent vaults keep what they know about keys (owner, address, sealed key or HSM
 * object id) and the audit of every signature. The PostgreSQL adapter writes a signature's
 * audit row and its `key-used` event in one transaction (joining the caller's transaction when
 * there is one); tests use the in-memory adapter.
 */
export type KeyCustody = 'software' | 'pkcs11';

export interface StoredKey {
  keyId: string;
  ownerOrganisationId: string;
  label: string;
  address: string;
  custody: KeyCustody;
  /** software: the sealed private key; pkcs11: the hex CKA_ID of the key pair on the token. */
  material: string;
  createdAt: Date;
}

/** One signature made with a key: who, what, when and why. */
export interface KeyUsage {
  id: string;
  keyId: string;
  ownerOrganisationId: string;
  address: string;
  custody: KeyCustody;
  actor: string;
  actorOrganisationId?: string;
  purpose: 'transaction' | 'digest';
  /** The signed digest (for a transaction, its unsigned hash). */
  digest: string;
  /** The signed transaction's hash, for purpose `transaction`. */
  txHash?: string;
  reason: string;
  signedAt: Date;
}

export abstract class KeyCustodyStore {
  abstract saveKey(key: StoredKey): Promise<void>;
  abstract findKey(keyId: string): Promise<StoredKey | undefined>;
  /** Persists the usage and publishes `strata.ledger.key-used.v1`, atomically. */
  abstract recordUsage(usage: KeyUsage): Promise<void>;
}

export class InMemoryKeyCustodyStore extends KeyCustodyStore {
  readonly keys = new Map<string, StoredKey>();
  readonly usages: KeyUsage[] = [];

  async saveKey(key: StoredKey): Promise<void> {
    this.keys.set(key.keyId, { ...key });
  }

  async findKey(keyId: string): Promise<StoredKey | undefined> {
    const key = this.keys.get(keyId);
    return key && { ...key };
  }

  async recordUsage(usage: KeyUsage): Promise<void> {
    this.usages.push({ ...usage });
  }
}
