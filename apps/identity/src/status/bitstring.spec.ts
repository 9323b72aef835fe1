import fc from 'fast-check';
import { bitAt, decodeList, encodeList, withBit } from './bitstring';

describe('bitstring status list', () => {
  it('sets the left-most bit for index 0', () => {
    expect(withBit(new Uint8Array(2), 0, true)).toEqual(Uint8Array.from([0x80, 0]));
    expect(withBit(new Uint8Array(2), 9, true)).toEqual(Uint8Array.from([0, 0x40]));
  });

  it('round trips bits through the multibase GZIP encoding', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat({ max: 1023 }), { maxLength: 50 }), (indexes) => {
        let bits: Uint8Array = new Uint8Array(128);
        for (const i of indexes) bits = withBit(bits, i, true);
        const decoded = decodeList(encodeList(bits));
        for (let i = 0; i < 1024; i++) expect(bitAt(decoded, i)).toBe(indexes.includes(i));
      }),
      { numRuns: 50 },
    );
  });
});
