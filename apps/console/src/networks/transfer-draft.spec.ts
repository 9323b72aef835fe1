import { validateTransferDraft } from './transfer-draft';

const FROM = '0x1111111111111111111111111111111111111111';
const TO = '0x000000000000000000000000000000000000c0DE';

describe('validateTransferDraft', () => {
  it('builds the transfer body the API expects, trimmed', () => {
    expect(validateTransferDraft({ from: FROM, to: ` ${TO} `, value: '1000 ' })).toEqual({
      ok: true,
      value: { kind: 'transfer', from: FROM, to: TO, value: '1000' },
    });
  });

  it('names each wrong field: no account chosen, a malformed address, a value that is not wei', () => {
    const result = validateTransferDraft({ from: '', to: '0x12', value: '1.5' });
    expect(result).toEqual({
      ok: false,
      errors: {
        from: 'choose one of your signing accounts',
        to: 'must be a 0x-prefixed 20-byte hex address',
        value: 'must be a decimal integer string (wei)',
      },
    });
  });
});
