/**
 * Turns what an HSM returns for CKM_ECDSA (raw r || s over a 32-byte digest) into an Ethereum
 * signature: s normalised to the lower half of the curve order (EIP-2), and the recovery id
 * found by trying both candidates against the key's known address. Also derives an address
 * from the EC point a PKCS#11 token reports for a public key.
 */
import { computeAddress, getAddress, hexlify, Signature, SigningKey } from 'ethers';

/** Order n of secp256k1. */
export const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const HALF_N = SECP256K1_N / 2n;

export class SignatureConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignatureConversionError';
  }
}

const toBigInt = (bytes: Uint8Array): bigint => (bytes.length === 0 ? 0n : BigInt(hexlify(bytes)));
const toHex32 = (value: bigint): string => `0x${value.toString(16).padStart(64, '0')}`;

/**
 * The Ethereum signature of `digest` made by the key at `address`, from a raw 64-byte r || s.
 * Throws when r or s is out of range or neither recovery id yields `address`.
 */
export function ethereumSignatureFromRaw(
  raw: Uint8Array,
  digest: Uint8Array,
  address: string,
): Signature {
  if (raw.length !== 64)
    throw new SignatureConversionError(`expected 64 bytes r||s, got ${raw.length}`);
  if (digest.length !== 32) throw new SignatureConversionError('the digest must be 32 bytes');
  const r = toBigInt(raw.subarray(0, 32));
  let s = toBigInt(raw.subarray(32));
  if (r === 0n || r >= SECP256K1_N || s === 0n || s >= SECP256K1_N) {
    throw new SignatureConversionError('r or s is outside the curve order');
  }
  if (s > HALF_N) s = SECP256K1_N - s;
  const expected = getAddress(address);
  for (const v of [27, 28] as const) {
    const candidate = Signature.from({ r: toHex32(r), s: toHex32(s), v });
    if (computeAddress(SigningKey.recoverPublicKey(digest, candidate)) === expected)
      return candidate;
  }
  throw new SignatureConversionError(`the signature does not recover to ${expected}`);
}

/**
 * The address of an uncompressed secp256k1 point as PKCS#11 reports it in CKA_EC_POINT: either
 * DER (OCTET STRING 0x04 0x41 wrapping 04 || x || y) or the bare 65-byte point.
 */
export function addressFromEcPoint(ecPoint: Uint8Array): string {
  const point =
    ecPoint.length === 67 && ecPoint[0] === 0x04 && ecPoint[1] === 0x41
      ? ecPoint.subarray(2)
      : ecPoint;
  if (point.length !== 65 || point[0] !== 0x04) {
    throw new SignatureConversionError('CKA_EC_POINT is not an uncompressed secp256k1 point');
  }
  return computeAddress(hexlify(point));
}
