/**
 * The did:key method (W3C CCG did:key v0.7): a DID is `did:key:` + multibase base58btc (`z` + base58) of the
 * multicodec varint of the key type followed by the public key bytes (compressed for the two
 * ECDSA curves). Parsing is total: any input gives either a key or a typed reason.
 */
import { ed25519 } from '@noble/curves/ed25519';
import { p256 } from '@noble/curves/p256';
import { secp256k1 } from '@noble/curves/secp256k1';
import { base58ToBytes, bytesToBase58 } from 'did-jwt';
import type { DidKeyType } from '@strata/contracts';
import { decodeVarint, encodeVarint } from './multicodec';

/** Multicodec code of each supported public key type (multiformats table). */
export const MULTICODEC: Record<DidKeyType, number> = {
  secp256k1: 0xe7,
  'P-256': 0x1200,
  Ed25519: 0xed,
};

const PUBLIC_KEY_LENGTH: Record<DidKeyType, number> = { secp256k1: 33, 'P-256': 33, Ed25519: 32 };

export interface DidKey {
  did: string;
  keyType: DidKeyType;
  /** Public key bytes as encoded in the DID (compressed point for ECDSA curves). */
  publicKey: Uint8Array;
  /** The method-specific id, also the verification method's fragment and publicKeyMultibase. */
  multibase: string;
}

export type DidParseFailure = { error: 'invalidDid' | 'methodNotSupported'; reason: string };

const DID_SYNTAX =
  /^did:([a-z0-9]+):((?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})*(?::(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})*)*)$/;

export function publicKeyOf(keyType: DidKeyType, privateKey: Uint8Array): Uint8Array {
  switch (keyType) {
    case 'secp256k1':
      return secp256k1.getPublicKey(privateKey, true);
    case 'P-256':
      return p256.getPublicKey(privateKey, true);
    case 'Ed25519':
      return ed25519.getPublicKey(privateKey);
  }
}

export function generatePrivateKey(keyType: DidKeyType): Uint8Array {
  switch (keyType) {
    case 'secp256k1':
      return secp256k1.utils.randomPrivateKey();
    case 'P-256':
      return p256.utils.randomPrivateKey();
    case 'Ed25519':
      return ed25519.utils.randomPrivateKey();
  }
}

export function encodeDidKey(keyType: DidKeyType, publicKey: Uint8Array): DidKey {
  const prefix = encodeVarint(MULTICODEC[keyType]);
  const bytes = new Uint8Array(prefix.length + publicKey.length);
  bytes.set(prefix);
  bytes.set(publicKey, prefix.length);
  const multibase = `z${bytesToBase58(bytes)}`;
  return { did: `did:key:${multibase}`, keyType, publicKey, multibase };
}

/** Parses a DID; only did:key with one of the three key types is supported. */
export function parseDidKey(did: string): DidKey | DidParseFailure {
  const match = DID_SYNTAX.exec(did);
  if (!match)
    return { error: 'invalidDid', reason: 'not a DID (did:<method>:<method-specific-id>)' };
  if (match[1] !== 'key') {
    return { error: 'methodNotSupported', reason: `the DID method "${match[1]}" is not supported` };
  }
  const multibase = match[2];
  if (!multibase.startsWith('z')) {
    return { error: 'invalidDid', reason: 'a did:key must be multibase base58btc (z...)' };
  }
  let bytes: Uint8Array;
  try {
    bytes = base58ToBytes(multibase.slice(1));
  } catch {
    return { error: 'invalidDid', reason: 'the method-specific id is not valid base58btc' };
  }
  const prefix = decodeVarint(bytes);
  if (!prefix)
    return { error: 'invalidDid', reason: 'the multicodec prefix is not a valid varint' };
  const [code, offset] = prefix;
  const keyType = (Object.keys(MULTICODEC) as DidKeyType[]).find((t) => MULTICODEC[t] === code);
  if (!keyType) {
    return {
      error: 'invalidDid',
      reason: `unsupported key type (multicodec 0x${code.toString(16)})`,
    };
  }
  const publicKey = bytes.slice(offset);
  if (publicKey.length !== PUBLIC_KEY_LENGTH[keyType] || !isOnCurve(keyType, publicKey)) {
    return { error: 'invalidDid', reason: `not a valid ${keyType} public key` };
  }
  return { did, keyType, publicKey, multibase };
}

function isOnCurve(keyType: DidKeyType, publicKey: Uint8Array): boolean {
  try {
    if (keyType === 'secp256k1') secp256k1.ProjectivePoint.fromHex(publicKey).assertValidity();
    else if (keyType === 'P-256') p256.ProjectivePoint.fromHex(publicKey).assertValidity();
    else ed25519.ExtendedPoint.fromHex(publicKey).assertValidity();
    return true;
  } catch {
    return false;
  }
}

/** The DID document of a did:key (one Multikey verification method for every relationship). */
export function didKeyDocument(key: DidKey): Record<string, unknown> {
  const vmId = `${key.did}#${key.multibase}`;
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: key.did,
    verificationMethod: [
      { id: vmId, type: 'Multikey', controller: key.did, publicKeyMultibase: key.multibase },
    ],
    authentication: [vmId],
    assertionMethod: [vmId],
    capabilityInvocation: [vmId],
    capabilityDelegation: [vmId],
  };
}
