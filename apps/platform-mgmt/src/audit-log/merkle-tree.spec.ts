import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { inclusionPath, leafHash, merkleRoot, nodeHash, rootFromPath } from './merkle-tree';

const leaf = (n: number) => createHash('sha256').update(`entry ${n}`).digest();
const leaves = (count: number) => Array.from({ length: count }, (_, i) => leaf(i));

describe('the RFC 6962 Merkle tree of audit entries', () => {
  it('follows RFC 6962: one leaf, two leaves, and the unbalanced split of three', () => {
    const [a, b, c] = leaves(3);
    expect(merkleRoot([a])).toEqual(leafHash(a));
    expect(merkleRoot([a, b])).toEqual(nodeHash(leafHash(a), leafHash(b)));
    expect(merkleRoot([a, b, c])).toEqual(
      nodeHash(nodeHash(leafHash(a), leafHash(b)), leafHash(c)),
    );
    expect(() => merkleRoot([])).toThrow(RangeError);
  });

  it('proves every leaf of any tree against its root', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.nat(), (size, pick) => {
        const hashes = leaves(size);
        const index = pick % size;
        const path = inclusionPath(hashes, index);
        expect(rootFromPath(hashes[index], index, size, path)).toEqual(merkleRoot(hashes));
      }),
    );
  });

  it('rejects a proof for another leaf, another index or a tampered path', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.nat(), (size, pick) => {
        const hashes = leaves(size);
        const index = pick % size;
        const root = merkleRoot(hashes);
        const path = inclusionPath(hashes, index);
        const other = (index + 1) % size;
        expect(rootFromPath(hashes[other], index, size, path)).not.toEqual(root);
        expect(rootFromPath(hashes[index], other, size, path) ?? Buffer.alloc(0)).not.toEqual(root);
        if (path.length > 0) {
          const tampered = path.map((p, i) => (i === 0 ? leaf(9999) : p));
          expect(rootFromPath(hashes[index], index, size, tampered)).not.toEqual(root);
        }
      }),
    );
  });

  it('changes the root when any leaf changes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.nat(), (size, pick) => {
        const hashes = leaves(size);
        const changed = [...hashes];
        changed[pick % size] = leaf(1000 + pick);
        expect(merkleRoot(changed)).not.toEqual(merkleRoot(hashes));
      }),
    );
  });

  it('refuses a proof of a leaf outside the tree', () => {
    expect(() => inclusionPath(leaves(3), 3)).toThrow(RangeError);
    expect(rootFromPath(leaf(0), 5, 3, [])).toBeUndefined();
  });
});
