import fc from 'fast-check';
import { formatDateTime, formatGwei, shortenHex } from './format';

describe('format', () => {
  it('shortens a block hash but keeps short values', () => {
    const hash = `0x${'ab'.repeat(32)}`;
    expect(shortenHex(hash)).toBe('0xabababab…abababab');
    expect(shortenHex('0x1234')).toBe('0x1234');
  });

  it('shows an unparseable date as it came', () => {
    expect(formatDateTime('not a date')).toBe('not a date');
  });

  it('writes fee amounts in gwei without losing a wei', () => {
    expect(formatGwei('500000000000')).toBe('500 gwei');
    expect(formatGwei('1500000000')).toBe('1.5 gwei');
    expect(formatGwei('1')).toBe('0.000000001 gwei');
    expect(formatGwei('0')).toBe('0 gwei');
    expect(formatGwei('-5')).toBe('-5');
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), (wei) => {
        const [whole, fraction = ''] = formatGwei(wei.toString()).replace(' gwei', '').split('.');
        const back =
          BigInt(whole.replaceAll(',', '')) * 10n ** 9n + BigInt(fraction.padEnd(9, '0'));
        expect(back).toBe(wei);
      }),
    );
  });
});
