/**
 * Encryption at rest of software-keystore private keys: AES-256-GCM under a key-encryption key
 * (KEK) derived from the operator's passphrase with scrypt and a random per-key salt. The key id
 * and address are bound as additional data, so a ciphertext copied onto another key's row is
 * refused like a tampered one. Derived KEKs are cached per salt (scrypt is deliberately slow);
 * plaintext private keys are never cached.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

/** scrypt cost: 2^15 x 8 x 1 (about 32 MiB, tens of milliseconds once per key and process). */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const FORMAT = 'v1';

export class SealedKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedKeyError';
  }
}

/** What identifies the row a sealed key belongs to (authenticated, not encrypted). */
export interface SealContext {
  keyId: string;
  address: string;
}

export class KeyEncryption {
  // ES private fields: neither the passphrase nor the KEKs show up if this object is logged.
  readonly #passphrase: string;
  readonly #keks = new Map<string, Buffer>();

  constructor(passphrase: string) {
    if (passphrase.length === 0) throw new SealedKeyError('the keystore passphrase is empty');
    this.#passphrase = passphrase;
  }

  /** Seals a 32-byte private key as `v1.<salt>.<iv>.<tag>.<ciphertext>` (base64url parts). */
  seal(privateKey: Uint8Array, context: SealContext): string {
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.kek(salt), iv);
    cipher.setAAD(aadOf(context));
    const ciphertext = Buffer.concat([cipher.update(privateKey), cipher.final()]);
    const parts = [salt, iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url'));
    return [FORMAT, ...parts].join('.');
  }

  /** Opens a sealed key; throws `SealedKeyError` when it was altered, moved or the passphrase differs. */
  open(sealed: string, context: SealContext): Buffer {
    const [format, ...parts] = sealed.split('.');
    if (format !== FORMAT || parts.length !== 4)
      throw new SealedKeyError('unknown sealed key format');
    const [salt, iv, tag, ciphertext] = parts.map((part) => Buffer.from(part, 'base64url'));
    if (salt.length !== 16 || iv.length !== 12 || tag.length !== 16) {
      throw new SealedKeyError('malformed sealed key');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.kek(salt), iv);
      decipher.setAAD(aadOf(context));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch {
      throw new SealedKeyError(
        'the sealed key does not authenticate (tampered, moved, or another passphrase)',
      );
    }
  }

  private kek(salt: Buffer): Buffer {
    const cacheKey = salt.toString('hex');
    let kek = this.#keks.get(cacheKey);
    if (!kek) {
      kek = scryptSync(this.#passphrase.normalize('NFKC'), salt, 32, SCRYPT);
      this.#keks.set(cacheKey, kek);
    }
    return kek;
  }
}

const aadOf = (context: SealContext): Buffer =>
  Buffer.from(`strata-key:${context.keyId}:${context.address.toLowerCase()}`, 'utf8');
