/**
 * The software keystore's cache of opened (unsealed) private keys, so a key that signs often is
 * not decrypted again for every signature. It lives only inside `SoftwareKeyVault` (keys still
 * never leave the vault) and is bounded twice: at most `maxKeys` keys (the least recently used is
 * dropped first) and each key for at most `ttlMs` after it was opened, whatever its use. An entry
 * is tied to the sealed material it was opened from, so a key whose row now holds other material
 * (re-sealed, rotated) is opened again; `forget` drops a key at once (deletion, rotation).
 * Dropped keys are zeroed; an unreferenced timer zeroes a key at the end of its lifetime even when
 * no signature comes to notice it.
 */
import type { Clock } from '@strata/runtime';

export interface UnsealedKeyCacheLimits {
  /** How many opened keys may be held at once (least recently used dropped first). */
  maxKeys: number;
  /** How long an opened key may be held, from the moment it was opened (milliseconds). */
  ttlMs: number;
}

/** 64 keys for one minute: a busy issuer signs from memory, an idle key is sealed again soon. */
export const DEFAULT_UNSEALED_KEY_CACHE: UnsealedKeyCacheLimits = { maxKeys: 64, ttlMs: 60_000 };

interface OpenedKey {
  material: string;
  privateKey: Buffer;
  expiresAt: number;
  expiry: ReturnType<typeof setTimeout>;
}

export class UnsealedKeyCache {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  readonly #keys = new Map<string, OpenedKey>();

  constructor(
    private readonly clock: Clock,
    private readonly limits: UnsealedKeyCacheLimits = DEFAULT_UNSEALED_KEY_CACHE,
  ) {
    if (!Number.isInteger(limits.maxKeys) || limits.maxKeys < 1) {
      throw new Error('an unsealed key cache holds at least one key');
    }
    if (!(limits.ttlMs > 0)) throw new Error('an unsealed key cache needs a positive lifetime');
  }

  /** How many opened keys are held now. */
  get size(): number {
    return this.#keys.size;
  }

  /**
   * The opened key of `keyId` for `material`, from the cache or from `open` (then cached). The
   * returned buffer belongs to the cache: callers must neither keep nor change it.
   */
  get(keyId: string, material: string, open: () => Buffer): Buffer {
    const now = this.clock.now().getTime();
    const cached = this.#keys.get(keyId);
    if (cached) {
      this.#keys.delete(keyId);
      if (cached.material === material && cached.expiresAt > now) {
        this.#keys.set(keyId, cached);
        return cached.privateKey;
      }
      this.wipe(cached);
    }
    const privateKey = open();
    const entry: OpenedKey = {
      material,
      privateKey,
      expiresAt: now + this.limits.ttlMs,
      expiry: setTimeout(() => this.drop(keyId, entry), this.limits.ttlMs).unref(),
    };
    this.#keys.set(keyId, entry);
    for (const [oldest, held] of this.#keys) {
      if (this.#keys.size <= this.limits.maxKeys) break;
      this.drop(oldest, held);
    }
    return privateKey;
  }

  /** Drops `keyId`'s opened key (if held) and zeroes it. */
  forget(keyId: string): void {
    const cached = this.#keys.get(keyId);
    if (cached) this.drop(keyId, cached);
  }

  /** Drops and zeroes every opened key. */
  clear(): void {
    for (const [keyId, cached] of this.#keys) this.drop(keyId, cached);
  }

  /** Drops `cached` if it is still `keyId`'s entry, and zeroes it either way. */
  private drop(keyId: string, cached: OpenedKey): void {
    if (this.#keys.get(keyId) === cached) this.#keys.delete(keyId);
    this.wipe(cached);
  }

  private wipe(cached: OpenedKey): void {
    clearTimeout(cached.expiry);
    cached.privateKey.fill(0);
  }
}
