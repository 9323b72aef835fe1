import fc from 'fast-check';
import { formatStreamCursor, parseStreamCursor } from './stream-cursor';

describe('status stream cursors (SSE ids)', () => {
  it('reads back every cursor it writes', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9a-f]{8}$/),
        fc.integer({ min: 0, max: 999_999_999_999_999 }),
        fc.integer({ min: 0, max: 999_999_999_999_999 }),
        (instance, seq, watermark) => {
          const cursor = { instance, seq, watermark };
          expect(parseStreamCursor(formatStreamCursor(cursor))).toEqual(cursor);
        },
      ),
    );
  });

  it('takes anything else (older numeric ids, garbage) as no cursor, without throwing', () => {
    for (const id of [undefined, '', '42', 'abcdefgh.1.2', '0123abcd.1', '0123abcd.-1.2']) {
      expect(parseStreamCursor(id)).toBeUndefined();
    }
    fc.assert(
      fc.property(fc.string(), (id) => {
        const cursor = parseStreamCursor(id);
        if (cursor) expect(formatStreamCursor(cursor)).toBe(id);
      }),
    );
  });
});
