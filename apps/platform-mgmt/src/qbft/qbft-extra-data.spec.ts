/** The QBFT extraData codec against Besu's documented genesis vector, round trips and bad input. */
import fc from 'fast-check';
import { getAddress } from 'ethers';
import {
  decodeQbftExtraData,
  encodeGenesisExtraData,
  encodeQbftExtraData,
  InvalidQbftExtraData,
  type QbftExtraData,
} from './qbft-extra-data';

// Besu docs, "Configure QBFT consensus", block header validator selection genesis example.
const BESU_DOCS_GENESIS =
  '0xf87aa00000000000000000000000000000000000000000000000000000000000000000f8549464a702e6263b7297a96638cac6ae65e6541f4169943923390ad55e90c237593b3b0e401f3b08a0318594aefdb9a738c9f433e5b6b212a6d62f6370c2f69294c7eeb9a4e00ce683cf93039b212648e01c6c6b78c080c0';
const BESU_DOCS_VALIDATORS = [
  '0x64a702e6263b7297a96638cac6ae65e6541f4169',
  '0x3923390ad55e90c237593b3b0e401f3b08a03185',
  '0xaefdb9a738c9f433e5b6b212a6d62f6370c2f692',
  '0xc7eeb9a4e00ce683cf93039b212648e01c6c6b78',
].map((address) => getAddress(address));

const hexBytes = (length: number) =>
  fc
    .uint8Array({ minLength: length, maxLength: length })
    .map((bytes) => `0x${Buffer.from(bytes).toString('hex')}`);

const extraData: fc.Arbitrary<QbftExtraData> = fc.record({
  vanity: hexBytes(32),
  validators: fc.array(
    hexBytes(20).map((address) => getAddress(address)),
    { maxLength: 12 },
  ),
  vote: fc.option(
    fc.record({
      recipient: hexBytes(20).map((address) => getAddress(address)),
      kind: fc.constantFrom('add' as const, 'drop' as const),
    }),
  ),
  round: fc.integer({ min: 0, max: 0xffffffff }),
  seals: fc.array(hexBytes(65), { maxLength: 5 }),
});

describe('QBFT extraData', () => {
  it("encodes a 4-validator genesis exactly as Besu's documented example", () => {
    expect(encodeGenesisExtraData(BESU_DOCS_VALIDATORS)).toBe(BESU_DOCS_GENESIS);
  });

  it("decodes Besu's documented genesis into its 4 validators, no vote, round 0, no seals", () => {
    expect(decodeQbftExtraData(BESU_DOCS_GENESIS)).toEqual({
      vanity: `0x${'00'.repeat(32)}`,
      validators: BESU_DOCS_VALIDATORS,
      vote: null,
      round: 0,
      seals: [],
    });
  });

  it('decodes the legacy 4-byte round encoding of older Besu releases', () => {
    const legacy = BESU_DOCS_GENESIS.replace(/^0xf87a/, '0xf87e').replace(
      /c080c0$/,
      'c08400000000c0',
    );
    expect(decodeQbftExtraData(legacy).round).toBe(0);
    expect(decodeQbftExtraData(legacy).validators).toEqual(BESU_DOCS_VALIDATORS);
  });

  it('round-trips any extraData (header with vote, round and seals)', () => {
    fc.assert(
      fc.property(extraData, (data) => {
        expect(decodeQbftExtraData(encodeQbftExtraData(data))).toEqual(data);
      }),
    );
  });

  it('encodes an add vote as 0xff and a drop vote as an empty byte string', () => {
    const recipient = BESU_DOCS_VALIDATORS[0];
    const base = { vanity: `0x${'00'.repeat(32)}`, validators: [], round: 1, seals: [] };
    const add = encodeQbftExtraData({ ...base, vote: { recipient, kind: 'add' } });
    const drop = encodeQbftExtraData({ ...base, vote: { recipient, kind: 'drop' } });
    expect(add).toContain(`d794${recipient.slice(2).toLowerCase()}81ff`);
    expect(drop).toContain(`d694${recipient.slice(2).toLowerCase()}80`);
  });

  it.each([
    ['empty', '0x'],
    ['not hex', 'hello'],
    ['odd length', '0xabc'],
    ['truncated RLP', BESU_DOCS_GENESIS.slice(0, 60)],
    ['a byte string, not a list', '0x83616263'],
    ['a list of 4 items', '0xc4808080c0'],
    ['a short vanity', '0xc581aac08080c0'],
  ])('rejects %s with a clear error', (_name, input) => {
    expect(() => decodeQbftExtraData(input)).toThrow(InvalidQbftExtraData);
  });

  it('never crashes on arbitrary bytes: it decodes or throws InvalidQbftExtraData', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          decodeQbftExtraData(`0x${Buffer.from(bytes).toString('hex')}`);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidQbftExtraData);
        }
      }),
    );
  });

  it('refuses to encode a validator that is not a 20-byte address', () => {
    expect(() => encodeGenesisExtraData(['0x1234'])).toThrow(InvalidQbftExtraData);
  });
});
