/**
 * The KeyVault port: where the private keys of an organisation's signing accounts live. Keys
 * never leave the vault; callers only get an address and signed transactions. Adapters: the
 * encrypted software keystore (default) and PKCS#11 (HSM); `InMemoryKeyVault` is for unit
 * tests only.
 *
 * Idempotency/retries: `createKey` is not idempotent (each call makes a new key); `sign` is
 * deterministic for a given key and transaction and may be repeated; `addressOf` is a read.
 */
import type { TransactionLike } from 'ethers';
import type { Role } from '@strata/contracts';

/** Who asked for a signature and why: recorded by every adapter in its signing audit. */
export interface SigningAudit {
  actor: string;
  reason: string;
  /** The actor's organisation; the persistent vaults let only the key's owner sign. */
  organisationId?: string;
  /** The actor's realm roles; the persistent vaults require institution-admin or operator. */
  roles?: readonly Role[];
}

export interface CreatedKey {
  keyId: string;
  /** Checksummed EVM address of the key. */
  address: string;
}

export abstract class KeyVault {
  /** Creates a new secp256k1 key owned by `ownerOrganisationId`. */
  abstract createKey(ownerOrganisationId: string, label: string): Promise<CreatedKey>;
  /**
   * Signs `unsignedTx` (its `from`, if any, must be the key's address) and returns the
   * serialized signed transaction (0x-prefixed hex). Rejects for an unknown key.
   */
  abstract sign(keyId: string, unsignedTx: TransactionLike, audit: SigningAudit): Promise<string>;
  /** The checksummed address of `keyId`. Rejects for an unknown key. */
  abstract addressOf(keyId: string): Promise<string>;
}

/** Thrown by adapters when a key id is not in the vault. */
export class UnknownKeyError extends Error {
  constructor(readonly keyId: string) {
    super(`no key ${keyId} in the vault`);
    this.name = 'UnknownKeyError';
  }
}
