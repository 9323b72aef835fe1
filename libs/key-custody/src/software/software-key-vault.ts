/**
 * The default KeyVault: keys (secp256k1, P-256, Ed25519) generated in this process, stored only
 * sealed (AES-256-GCM under the passphrase-derived KEK, see @strata/persistence key-encryption.ts)
 * in the app's schema. An opened key is kept for later signatures only in the vault's own
 * `UnsealedKeyCache` (bounded in keys and lifetime, see there), or, with the cache turned off, for
 * the moment of one signature. Private keys are never logged or returned. Existing private keys
 * (identity's DID keys sealed before key custody) can be imported.
 */
import { randomUUID } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519';
import { p256 } from '@noble/curves/p256';
import { secp256k1 } from '@noble/curves/secp256k1';
import { computeAddress, hexlify, type Signature, SigningKey } from 'ethers';
import type { Clock } from '@strata/runtime';
import { KeyEncryption, type SealContext } from '@strata/persistence';
import {
  type CreatedSigningKey,
  CustodiedKeyVault,
  type CustodyOptions,
  type GeneratedKey,
  type SigningKeyOptions,
} from '../custody/custodied-key-vault';
import type { KeyCurve, KeyCustodyStore, StoredKey } from '../custody/key-custody-store';
import {
  DEFAULT_UNSEALED_KEY_CACHE,
  UnsealedKeyCache,
  type UnsealedKeyCacheLimits,
} from './unsealed-key-cache';

const CURVES = {
  secp256k1: {
    random: () => secp256k1.utils.randomPrivateKey(),
    publicKey: (key: Uint8Array) => secp256k1.getPublicKey(key, true),
  },
  'P-256': {
    random: () => p256.utils.randomPrivateKey(),
    publicKey: (key: Uint8Array) => p256.getPublicKey(key, true),
  },
  Ed25519: {
    random: () => ed25519.utils.randomPrivateKey(),
    publicKey: (key: Uint8Array) => ed25519.getPublicKey(key),
  },
} satisfies Record<KeyCurve, unknown>;

/** The sealed key's authenticated data: the key id and its address (or public key). */
function sealContext(keyId: string, curve: KeyCurve, publicKey: string): SealContext {
  return {
    keyId,
    address: curve === 'secp256k1' ? computeAddress(publicKey) : publicKey,
  };
}

export interface SoftwareKeyVaultOptions extends CustodyOptions {
  /** Limits of the cache of opened keys; `false` opens the sealed key for every signature. */
  unsealedKeyCache?: UnsealedKeyCacheLimits | false;
}

export class SoftwareKeyVault extends CustodiedKeyVault {
  protected readonly custody = 'software' as const;
  private readonly encryption: KeyEncryption;
  private readonly opened: UnsealedKeyCache | null;

  constructor(
    store: KeyCustodyStore,
    clock: Clock,
    passphrase: string,
    options: SoftwareKeyVaultOptions = {},
  ) {
    super(store, clock, options);
    this.encryption = new KeyEncryption(passphrase);
    const limits = options.unsealedKeyCache ?? DEFAULT_UNSEALED_KEY_CACHE;
    this.opened = limits ? new UnsealedKeyCache(clock, limits) : null;
  }

  /** Drops `keyId`'s opened key from the cache (call on deletion or rotation of the key). */
  forget(keyId: string): void {
    this.opened?.forget(keyId);
  }

  /** Drops every opened key (e.g. at shutdown). */
  forgetAll(): void {
    this.opened?.clear();
  }

  /** Takes custody of an existing private key (sealed at once; the caller zeroes its copy). */
  async importKey(
    ownerOrganisationId: string,
    label: string,
    curve: KeyCurve,
    privateKey: Uint8Array,
    options: Omit<SigningKeyOptions, 'curve'> = {},
  ): Promise<CreatedSigningKey> {
    const keyId = randomUUID();
    const publicKey = CURVES[curve].publicKey(privateKey);
    const material = this.encryption.seal(
      privateKey,
      sealContext(keyId, curve, hexlify(publicKey)),
    );
    return this.record(ownerOrganisationId, label, options, { keyId, curve, publicKey, material });
  }

  protected async generate(keyId: string, curve: KeyCurve): Promise<GeneratedKey> {
    const privateKey = CURVES[curve].random();
    try {
      const publicKey = CURVES[curve].publicKey(privateKey);
      const material = this.encryption.seal(
        privateKey,
        sealContext(keyId, curve, hexlify(publicKey)),
      );
      return { publicKey, material };
    } finally {
      privateKey.fill(0);
    }
  }

  protected async signWithKey(key: StoredKey, digest: Uint8Array): Promise<Signature> {
    return this.withPrivateKey(key, (privateKey) => new SigningKey(privateKey).sign(digest));
  }

  protected async signMessage(
    key: StoredKey,
    message: Uint8Array,
    digest: Uint8Array,
  ): Promise<Uint8Array> {
    return this.withPrivateKey(key, (privateKey) => {
      if (key.curve === 'Ed25519') return ed25519.sign(message, privateKey);
      const curve = key.curve === 'P-256' ? p256 : secp256k1;
      return curve
        .sign(digest, privateKey, { lowS: key.curve === 'secp256k1' })
        .toCompactRawBytes();
    });
  }

  /**
   * Runs `use` (synchronous, so a cache expiry cannot zero the key in the middle) with the opened
   * key; without the cache the key is zeroed right after.
   */
  private withPrivateKey<T>(key: StoredKey, use: (privateKey: Buffer) => T): T {
    if (this.opened) return use(this.opened.get(key.keyId, key.material, () => this.open(key)));
    const privateKey = this.open(key);
    try {
      return use(privateKey);
    } finally {
      privateKey.fill(0);
    }
  }

  private open(key: StoredKey): Buffer {
    // secp256k1 keys are sealed with their address (recorded, so not derived again per
    // signature), the other curves with their public key.
    const context = {
      keyId: key.keyId,
      address: key.curve === 'secp256k1' ? (key.address ?? '') : (key.publicKey ?? ''),
    };
    return this.encryption.open(key.material, context);
  }
}
