/**
 * What both persistent KeyVault adapters share: key records in the custody store, the per-key
 * usage policy checked before a key is touched, transaction signing as "sign the unsigned hash",
 * JWS signing for DID keys (ES256K, ES256, EdDSA), and the audit of every signature recorded
 * before the signature leaves the vault. An adapter only says how to make a key pair on a curve
 * and how to sign with it.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  computeAddress,
  getAddress,
  getBytes,
  hexlify,
  type Signature,
  Transaction,
  type TransactionLike,
} from 'ethers';
import type { Role } from '@strata/contracts';
import type { Clock } from '@strata/runtime';
import { type CreatedKey, KeyVault, type SigningAudit, UnknownKeyError } from '../key-vault';
import type {
  KeyCurve,
  KeyCustody,
  KeyCustodyStore,
  KeyUsagePurpose,
  StoredKey,
} from './key-custody-store';
import { assertMaySign, LEDGER_SYSTEM_ACTOR } from './key-usage-policy';

export interface GeneratedKey {
  /** Compressed point (ECDSA curves) or raw 32 bytes (Ed25519). */
  publicKey: Uint8Array;
  material: string;
}

export interface SigningKeyOptions {
  curve?: KeyCurve;
  /** Roles of the owner's members that may sign (default: institution-admin, operator). */
  signerRoles?: readonly Role[];
}

export interface CreatedSigningKey {
  keyId: string;
  curve: KeyCurve;
  publicKey: Uint8Array;
  /** The EVM address of a secp256k1 key, else null. */
  address: string | null;
}

export interface CustodyOptions {
  /** The owning app's own actor, allowed to sign with any key (default `system:ledger`). */
  systemActor?: string;
}

/** Thrown when a key cannot do what was asked (an Ed25519 key signing a transaction, ...). */
export class KeyCapabilityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyCapabilityError';
  }
}

export abstract class CustodiedKeyVault extends KeyVault {
  protected abstract readonly custody: KeyCustody;
  private readonly systemActor: string;

  constructor(
    protected readonly store: KeyCustodyStore,
    private readonly clock: Clock,
    options: CustodyOptions = {},
  ) {
    super();
    this.systemActor = options.systemActor ?? LEDGER_SYSTEM_ACTOR;
  }

  /** Makes a key pair on `curve` for a key id; returns its public key and what the store keeps. */
  protected abstract generate(keyId: string, curve: KeyCurve): Promise<GeneratedKey>;
  /** Signs a 32-byte digest with a secp256k1 key (an Ethereum signature, low s). */
  protected abstract signWithKey(key: StoredKey, digest: Uint8Array): Promise<Signature>;
  /**
   * Signs a JWS signing input: ECDSA keys sign its SHA-256 `digest` (64 bytes r || s, low s for
   * secp256k1), Ed25519 keys the message itself.
   */
  protected abstract signMessage(
    key: StoredKey,
    message: Uint8Array,
    digest: Uint8Array,
  ): Promise<Uint8Array>;

  async createKey(ownerOrganisationId: string, label: string): Promise<CreatedKey> {
    const key = await this.createSigningKey(ownerOrganisationId, label);
    return { keyId: key.keyId, address: key.address ?? '' };
  }

  /** Creates a key on any supported curve with its own signer roles. Not idempotent. */
  async createSigningKey(
    ownerOrganisationId: string,
    label: string,
    options: SigningKeyOptions = {},
  ): Promise<CreatedSigningKey> {
    const keyId = randomUUID();
    const curve = options.curve ?? 'secp256k1';
    const { publicKey, material } = await this.generate(keyId, curve);
    return this.record(ownerOrganisationId, label, options, { keyId, curve, publicKey, material });
  }

  protected async record(
    ownerOrganisationId: string,
    label: string,
    options: SigningKeyOptions,
    key: { keyId: string; curve: KeyCurve; publicKey: Uint8Array; material: string },
  ): Promise<CreatedSigningKey> {
    const address = key.curve === 'secp256k1' ? computeAddress(hexlify(key.publicKey)) : null;
    await this.store.saveKey({
      keyId: key.keyId,
      ownerOrganisationId,
      label,
      curve: key.curve,
      address,
      publicKey: hexlify(key.publicKey),
      signerRoles: options.signerRoles ?? null,
      custody: this.custody,
      material: key.material,
      createdAt: this.clock.now(),
    });
    return { keyId: key.keyId, curve: key.curve, publicKey: key.publicKey, address };
  }

  async sign(keyId: string, unsignedTx: TransactionLike, audit: SigningAudit): Promise<string> {
    const key = await this.evmKey(keyId, audit);
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
    const key = await this.evmKey(keyId, audit);
    const signature = await this.signWithKey(key, digest);
    await this.audit(key, audit, 'digest', digest);
    return signature;
  }

  /**
   * The JWS signature (RFC 7515/7518/8037: 64 bytes r || s for ES256K and ES256, the Ed25519
   * signature for EdDSA) of `signingInput` (`base64url(header).base64url(payload)`), audited with
   * the SHA-256 of the input. Deterministic only for Ed25519; may be repeated.
   */
  async signJws(keyId: string, signingInput: Uint8Array, audit: SigningAudit): Promise<Uint8Array> {
    if (signingInput.length === 0) throw new Error('a JWS signing input is never empty');
    const key = await this.usableKey(keyId, audit);
    const digest = createHash('sha256').update(signingInput).digest();
    const signature = await this.signMessage(key, signingInput, digest);
    await this.audit(key, audit, 'jws', digest);
    return signature;
  }

  async addressOf(keyId: string): Promise<string> {
    const key = await this.known(keyId);
    if (!key.address) throw new KeyCapabilityError(`key ${keyId} is not an EVM (secp256k1) key`);
    return key.address;
  }

  private async evmKey(
    keyId: string,
    audit: SigningAudit,
  ): Promise<StoredKey & { address: string }> {
    const key = await this.usableKey(keyId, audit);
    if (key.curve !== 'secp256k1' || !key.address) {
      throw new KeyCapabilityError(`key ${keyId} is a ${key.curve} key, not an EVM account key`);
    }
    return { ...key, address: key.address };
  }

  private async usableKey(keyId: string, audit: SigningAudit): Promise<StoredKey> {
    const key = await this.known(keyId);
    if (key.custody !== this.custody) {
      throw new Error(`key ${keyId} is held by the ${key.custody} vault, not by this one`);
    }
    assertMaySign(key, audit, this.systemActor);
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
    purpose: KeyUsagePurpose,
    digest: Uint8Array,
    txHash?: string,
  ): Promise<void> {
    await this.store.recordUsage({
      id: randomUUID(),
      keyId: key.keyId,
      ownerOrganisationId: key.ownerOrganisationId,
      address: key.address,
      curve: key.curve,
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
