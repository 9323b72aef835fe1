/**
 * The HSM KeyVault: key pairs are generated on a PKCS#11 token (private half sensitive and
 * non-extractable) and every digest is signed there with CKM_ECDSA; the ledger's schema keeps
 * only the key's owner, address and CKA_ID. The token's raw r || s becomes an Ethereum
 * signature in ethereum-signature.ts.
 */
import { type Signature } from 'ethers';
import type { Clock } from '@strata/runtime';
import { CustodiedKeyVault, type GeneratedKey } from '../custody/custodied-key-vault';
import {
  addressFromEcPoint,
  ethereumSignatureFromRaw,
  uncompressedPoint,
} from '../custody/ethereum-signature';
import type { KeyCustodyStore, StoredKey } from '../custody/key-custody-store';
import type { Pkcs11Token } from './pkcs11-token';

/** The CKA_ID of a key on the token: the 16 bytes of its key id (a UUID). */
const tokenIdOf = (keyId: string): Buffer => Buffer.from(keyId.replaceAll('-', ''), 'hex');

export class Pkcs11KeyVault extends CustodiedKeyVault {
  protected readonly custody = 'pkcs11' as const;
  /** Public points by key id, read from the token once: they give the recovery id cheaply. */
  private readonly publicKeys = new Map<string, Uint8Array>();

  constructor(
    store: KeyCustodyStore,
    clock: Clock,
    private readonly token: Pkcs11Token,
  ) {
    super(store, clock);
  }

  protected async generate(keyId: string): Promise<GeneratedKey> {
    const id = tokenIdOf(keyId);
    const point = this.token.generateSecp256k1(id, `strata-${keyId}`);
    this.publicKeys.set(keyId, uncompressedPoint(point));
    return { address: addressFromEcPoint(point), material: id.toString('hex') };
  }

  protected async signWithKey(key: StoredKey, digest: Uint8Array): Promise<Signature> {
    const id = Buffer.from(key.material, 'hex');
    let publicKey = this.publicKeys.get(key.keyId);
    if (!publicKey) {
      publicKey = uncompressedPoint(this.token.publicPoint(id));
      if (addressFromEcPoint(publicKey) !== key.address) {
        throw new Error(`the token's key for ${key.keyId} is not the one recorded for it`);
      }
      this.publicKeys.set(key.keyId, publicKey);
    }
    const raw = this.token.signDigest(id, digest);
    return ethereumSignatureFromRaw(raw, digest, publicKey);
  }
}
