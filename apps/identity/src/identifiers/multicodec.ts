/**
 * Multicodec prefixes: an unsigned LEB128 varint (multiformats unsigned-varint, at most 9 bytes)
 * in front of the key bytes. Written here because `multiformats` ships as ESM only (exports with
 * an `import` condition alone), which the CommonJS apps and jest cannot load.
 */
const MAX_VARINT_BYTES = 9;

export function encodeVarint(value: number): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError('varint must be a non-negative safe integer');
  const out: number[] = [];
  let rest = value;
  do {
    const byte = rest % 128;
    rest = Math.floor(rest / 128);
    out.push(rest > 0 ? byte | 0x80 : byte);
  } while (rest > 0);
  return Uint8Array.from(out);
}

/** [value, bytes read], or undefined when the bytes do not start with a minimal varint. */
export function decodeVarint(bytes: Uint8Array): [number, number] | undefined {
  let value = 0;
  for (let i = 0; i < Math.min(bytes.length, MAX_VARINT_BYTES); i++) {
    const byte = bytes[i];
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) {
      if (i > 0 && byte === 0) return undefined; // not minimal
      return Number.isSafeInteger(value) ? [value, i + 1] : undefined;
    }
  }
  return undefined;
}
