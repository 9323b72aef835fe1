import { formatDateTime, shortenHex } from './format';

describe('format', () => {
  it('shortens a block hash but keeps short values', () => {
    const hash = `0x${'ab'.repeat(32)}`;
    expect(shortenHex(hash)).toBe('0xabababab…abababab');
    expect(shortenHex('0x1234')).toBe('0x1234');
  });

  it('shows an unparseable date as it came', () => {
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});
