/**
 * Where the persistent vaults keep what they know about keys (owner, curve, public key or address,
 * who may sign, sealed key or HSM object id) and the audit of every signature. The PostgreSQL
 * adapter writes a signature's audit row and its `key-used` event in one transaction (joining the
 * caller's transaction when there is one); tests use the in-memory adapter.
 */
import type { Role } from '@strata/contracts';

export type KeyCustody = 'software' | 'pkcs11';

/** The curve of a key: secp256k1 for EVM accounts and did:key, P-256 and Ed25519 for did:key. */
export type KeyCurve = 'secp256k1' | 'P-256' | 'Ed25519';

export interface StoredKey {
  keyId: string;
  ownerOrganisationId: string;
  label: string;
  curve: KeyCurve;
  /** Checksummed EVM address (secp256k1 keys), null for the other curves. */
  address: string | null;
  /** Hex public key (compressed point for ECDSA curves, raw for Ed25519); null for keys recorded before curves. */
  publicKey: string | null;
  /** Roles of the owner's members that may sign with the key; null means the vault's default. */
  signerRoles: readonly Role[] | null;
  custody: KeyCustody;
  /** software: the sealed private key; pkcs11: the hex CKA_ID of the key pair on the token. */
  material: string;
  createdAt: Date;
}

/** What a signature was for: an EVM transaction, a bare 32-byte digest, or a JWS (a DID's credential). */
export type KeyUsagePurpose = 'transaction' | 'digest' | 'jws';

/** One signature made with a key: who, what, when and why. */
export interface KeyUsage {
  id: string;
  keyId: string;
  ownerOrganisationId: string;
  address: string | null;
  curve: KeyCurve;
  custody: KeyCustody;
  actor: string;
  actorOrganisationId?: string;
  purpose: KeyUsagePurpose;
  /** The signed digest (for a transaction its unsigned hash, for a JWS the SHA-256 of its signing input). */
  digest: string;
  /** The signed transaction's hash, for purpose `transaction`. */
  txHash?: string;
  reason: string;
  signedAt: Date;
}

export abstract class KeyCustodyStore {
  abstract saveKey(key: StoredKey): Promise<void>;
  abstract findKey(keyId: string): Promise<StoredKey | undefined>;
  /** Persists the usage and publishes the app's `key-used` event, atomically. */
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
