import fc from 'fast-check';
import { decodeVarint, encodeVarint } from './multicodec';

describe('multicodec varint', () => {
  it('encodes the key codes as the multicodec table shows them', () => {
    expect(Buffer.from(encodeVarint(0xe7)).toString('hex')).toBe('e701');
    expect(Buffer.from(encodeVarint(0x1200)).toString('hex')).toBe('8024');
    expect(Buffer.from(encodeVarint(0xed)).toString('hex')).toBe('ed01');
  });

  it('round trips any safe integer', () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 53 - 1 }), fc.uint8Array({ maxLength: 8 }), (n, tail) => {
        const head = encodeVarint(n);
        const bytes = new Uint8Array([...head, ...tail]);
        expect(decodeVarint(bytes)).toEqual([n, head.length]);
      }),
    );
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 20 }), (bytes) => void decodeVarint(bytes)));
  });
});
