/**
 * The HSM KeyVault: key pairs (secp256k1, P-256, Ed25519) are generated on a PKCS#11 token
 * (private half sensitive and non-extractable) and every digest or message is signed there; the
 * app's schema keeps only the key's owner, public key and CKA_ID. The token's raw r || s becomes
 * an Ethereum signature in ethereum-signature.ts.
 */
import { p256 } from '@noble/curves/p256';
import { secp256k1 } from '@noble/curves/secp256k1';
import { getBytes, type Signature } from 'ethers';
import type { Clock } from '@strata/runtime';
import {
  CustodiedKeyVault,
  type CustodyOptions,
  type GeneratedKey,
} from '../custody/custodied-key-vault';
import {
  addressFromEcPoint,
  ethereumSignatureFromRaw,
  SignatureConversionError,
  uncompressedPoint,
} from '../custody/ethereum-signature';
import type { KeyCurve, KeyCustodyStore, StoredKey } from '../custody/key-custody-store';
import type { Pkcs11Token } from './pkcs11-token';

/** The CKA_ID of a key on the token: the 16 bytes of its key id (a UUID). */
const tokenIdOf = (keyId: string): Buffer => Buffer.from(keyId.replaceAll('-', ''), 'hex');

/** The public key as a DID encodes it, from the token's CKA_EC_POINT (DER or bare). */
function publicKeyFromEcPoint(curve: KeyCurve, ecPoint: Buffer): Uint8Array {
  if (curve === 'Ed25519') {
    const raw = ecPoint.length === 34 && ecPoint[0] === 0x04 ? ecPoint.subarray(2) : ecPoint;
    if (raw.length !== 32) throw new SignatureConversionError('CKA_EC_POINT is not an Ed25519 key');
    return new Uint8Array(raw);
  }
  const point = uncompressedPoint(ecPoint);
  const weierstrass = curve === 'P-256' ? p256 : secp256k1;
  return weierstrass.ProjectivePoint.fromHex(point).toRawBytes(true);
}

export class Pkcs11KeyVault extends CustodiedKeyVault {
  protected readonly custody = 'pkcs11' as const;
  /** Public points of secp256k1 keys, read from the token once: they give the recovery id cheaply. */
  private readonly publicKeys = new Map<string, Uint8Array>();

  constructor(
    store: KeyCustodyStore,
    clock: Clock,
    private readonly token: Pkcs11Token,
    options?: CustodyOptions,
  ) {
    super(store, clock, options);
  }

  protected async generate(keyId: string, curve: KeyCurve): Promise<GeneratedKey> {
    const id = tokenIdOf(keyId);
    const point = this.token.generateKeyPair(id, `strata-${keyId}`, curve);
    if (curve === 'secp256k1') this.publicKeys.set(keyId, uncompressedPoint(point));
    return { publicKey: publicKeyFromEcPoint(curve, point), material: id.toString('hex') };
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

  protected async signMessage(
    key: StoredKey,
    message: Uint8Array,
    digest: Uint8Array,
  ): Promise<Uint8Array> {
    const id = Buffer.from(key.material, 'hex');
    if (key.curve === 'Ed25519') return new Uint8Array(this.token.signEdDsa(id, message));
    if (key.curve === 'secp256k1') {
      // Through the Ethereum path: it normalises s to the lower half, as ES256K verifiers require.
      return getBytes((await this.signWithKey(key, digest)).serialized).subarray(0, 64);
    }
    return new Uint8Array(this.token.signDigest(id, digest));
  }
}
