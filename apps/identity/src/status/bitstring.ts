/**
 * Bitstring Status List encoding (W3C): index 0 is the left-most bit; the published
 * `encodedList` is multibase base64url (`u` prefix, no padding) of the GZIP-compressed bytes.
 */
import { gunzipSync, gzipSync } from 'node:zlib';

export function bitAt(bits: Uint8Array, index: number): boolean {
  return ((bits[index >> 3] >> (7 - (index & 7))) & 1) === 1;
}

export function withBit(bits: Uint8Array, index: number, value: boolean): Uint8Array {
  const copy = Uint8Array.from(bits);
  const mask = 1 << (7 - (index & 7));
  copy[index >> 3] = value ? copy[index >> 3] | mask : copy[index >> 3] & ~mask;
  return copy;
}

export function encodeList(bits: Uint8Array): string {
  return `u${gzipSync(bits).toString('base64url')}`;
}

export function decodeList(encoded: string): Uint8Array {
  if (!encoded.startsWith('u')) throw new Error('encodedList must be multibase base64url (u...)');
  return Uint8Array.from(gunzipSync(Buffer.from(encoded.slice(1), 'base64url')));
}
