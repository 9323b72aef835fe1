/**
 * RFC 6962 / RFC 9162 Merkle tree over the entries' hashes: the root an anchor puts on chain and
 * the audit paths that prove one entry is under it. Leaves are the 32-byte entry hashes:
 *   leaf = SHA-256(0x00 || entryHash), node = SHA-256(0x01 || left || right),
 * the tree split at the largest power of two below its size (no duplicated last leaf, so no
 * CVE-2012-2459 style second preimages).
 */
import { createHash } from 'node:crypto';

type Bytes = Buffer;

const sha256 = (...parts: Bytes[]): Bytes => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export const leafHash = (entryHash: Bytes): Bytes => sha256(LEAF, entryHash);
export const nodeHash = (left: Bytes, right: Bytes): Bytes => sha256(NODE, left, right);

/** Largest power of two strictly below n (n >= 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function subtreeRoot(leaves: readonly Bytes[], from: number, to: number): Bytes {
  const size = to - from;
  if (size === 1) return leafHash(leaves[from]);
  const k = split(size);
  return nodeHash(subtreeRoot(leaves, from, from + k), subtreeRoot(leaves, from + k, to));
}

export function merkleRoot(entryHashes: readonly Bytes[]): Bytes {
  if (entryHashes.length === 0) throw new RangeError('a Merkle tree needs at least one leaf');
  return subtreeRoot(entryHashes, 0, entryHashes.length);
}

/** RFC 6962 §2.1.1 audit path of leaf `index`, from the leaf's sibling upwards. */
export function inclusionPath(entryHashes: readonly Bytes[], index: number): Bytes[] {
  if (!Number.isInteger(index) || index < 0 || index >= entryHashes.length) {
    throw new RangeError(`leaf ${index} is outside a tree of ${entryHashes.length}`);
  }
  const path: Bytes[] = [];
  let [from, to, at] = [0, entryHashes.length, index];
  const frames: Array<[number, number]> = [];
  while (to - from > 1) {
    const k = split(to - from);
    if (at < k) {
      frames.push([from + k, to]);
      to = from + k;
    } else {
      frames.push([from, from + k]);
      from += k;
      at -= k;
    }
  }
  for (const [start, end] of frames.reverse()) path.push(subtreeRoot(entryHashes, start, end));
  return path;
}

/** RFC 9162 §2.1.3.2: recomputes the root from a leaf, its index, the tree size and the path. */
export function rootFromPath(
  entryHash: Bytes,
  index: number,
  treeSize: number,
  path: readonly Bytes[],
): Bytes | undefined {
  if (index < 0 || index >= treeSize) return undefined;
  let [fn, sn] = [index, treeSize - 1];
  let r = leafHash(entryHash);
  for (const p of path) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : undefined;
}

export const hexToBytes = (hex: string): Bytes => Buffer.from(hex.replace(/^0x/, ''), 'hex');
export const bytesToHex0x = (bytes: Bytes): string => `0x${bytes.toString('hex')}`;
