/**
 * Besu node keys: a secp256k1 private key whose public key is the node's enode id and whose
 * address is its validator address. Randomness is injected so tests can fix it.
 */
import { randomBytes } from 'node:crypto';
import { computeAddress, getAddress, keccak256, SigningKey } from 'ethers';

export interface NodeKey {
  /** 0x-prefixed 32-byte private key. */
  readonly privateKey: string;
  /** 128 hex characters (uncompressed public key without the 04 prefix): the enode id. */
  readonly publicKey: string;
  /** Checksummed address. */
  readonly address: string;
}

export type RandomBytes = (size: number) => Uint8Array;

const SECP256K1_ORDER = BigInt(
  '0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141',
);

export function nodeKeyFrom(privateKey: string): NodeKey {
  const key = new SigningKey(privateKey);
  return {
    privateKey: key.privateKey,
    publicKey: key.publicKey.slice(4),
    address: computeAddress(key.publicKey),
  };
}

export function generateNodeKey(random: RandomBytes = randomBytes): NodeKey {
  for (;;) {
    const candidate = BigInt(`0x${Buffer.from(random(32)).toString('hex')}`);
    if (candidate > 0n && candidate < SECP256K1_ORDER) {
      return nodeKeyFrom(`0x${candidate.toString(16).padStart(64, '0')}`);
    }
  }
}

export function enodeUrl(publicKey: string, host: string, port: number): string {
  return `enode://${publicKey.toLowerCase()}@${host}:${port}`;
}

/** An enode URL's 64-byte public key (its node id), lower-case hex. */
export function publicKeyOfEnode(enode: string): string {
  const publicKey = /^enode:\/\/([0-9a-fA-F]{128})@/.exec(enode)?.[1];
  if (!publicKey) throw new Error('not an enode URL');
  return publicKey.toLowerCase();
}

/** The account address behind an enode's public key (what QBFT calls the validator address). */
export function addressOfEnode(enode: string): string {
  return getAddress(`0x${keccak256(`0x${publicKeyOfEnode(enode)}`).slice(-40)}`);
}
