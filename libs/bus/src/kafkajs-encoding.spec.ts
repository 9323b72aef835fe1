/**
 * The patched parts of kafkajs's produce encoding (patches/kafkajs+2.2.4.patch, ADR 0017): the
 * slicing-by-8 CRC-32C gives the checksum the broker verifies, and the encoders sized up front
 * still write exactly the records they are given (the broker suite exercises the same code
 * end to end; these pin it down for any input).
 */
import { createRequire } from 'node:module';
import fc from 'fast-check';

const load = createRequire(__filename);
const crc32C = load('kafkajs/src/protocol/recordBatch/crc32C') as (buffer: Buffer) => number;
const Record = load('kafkajs/src/protocol/recordBatch/record/v0') as (record: {
  offsetDelta: number;
  timestampDelta: number;
  key: string | Buffer | null;
  value: string | Buffer | null;
  headers: Record<string, string | Buffer>;
}) => object;
const { RecordBatch } = load('kafkajs/src/protocol/recordBatch/v0') as {
  RecordBatch: (batch: {
    records: object[];
    lastOffsetDelta: number;
  }) => Promise<{ buffer: Buffer }>;
};
const decodeRecordBatch = load('kafkajs/src/protocol/recordBatch/v0/decoder') as (
  decoder: unknown,
) => Promise<{
  records: { key: Buffer | null; value: Buffer | null; headers: Record<string, Buffer> }[];
}>;
const Decoder = load('kafkajs/src/protocol/decoder') as new (buffer: Buffer) => unknown;

/** CRC-32C bit by bit (reflected polynomial 0x82F63B78): the definition, not a table. */
function referenceCrc32C(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const payload = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.uint8Array({ maxLength: 3000 }).map((bytes) => Buffer.from(bytes)),
);
const asBuffer = (value: string | Buffer) =>
  typeof value === 'string' ? Buffer.from(value) : value;

describe('kafkajs produce encoding (patched)', () => {
  it('computes the standard CRC-32C check value', () => {
    expect(crc32C(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32C(Buffer.alloc(0))).toBe(0);
  });

  it('computes the CRC-32C of any bytes, whatever their length modulo 8', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2_000 }), (bytes) => {
        expect(crc32C(Buffer.from(bytes))).toBe(referenceCrc32C(bytes));
      }),
      { numRuns: 500 },
    );
  });

  it('encodes a record batch that decodes to the same records, with a valid checksum', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            key: fc.option(payload, { nil: null }),
            value: fc.option(payload, { nil: null }),
            // Prefixed: kafkajs's decoder collects a repeated header into an array and takes a
            // name like `toString` (inherited from Object.prototype) for a repeat.
            headers: fc.dictionary(
              fc.string({ maxLength: 10 }).map((name) => `x-${name}`),
              payload,
              { maxKeys: 3 },
            ),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        async (messages) => {
          const records = messages.map((message, i) =>
            Record({ ...message, offsetDelta: i, timestampDelta: 0 }),
          );
          const { buffer } = await RecordBatch({ records, lastOffsetDelta: records.length - 1 });
          // FirstOffset (8) + Length (4), then the batch the Length counts.
          expect(buffer.readInt32BE(8)).toBe(buffer.length - 12);
          // PartitionLeaderEpoch (4) + Magic (1), then the CRC of everything after it.
          expect(buffer.readUInt32BE(17)).toBe(referenceCrc32C(buffer.subarray(21)));
          const decoded = await decodeRecordBatch(new Decoder(buffer));
          expect(decoded.records).toHaveLength(messages.length);
          decoded.records.forEach((record, i) => {
            const sent = messages[i];
            expect(record.key).toEqual(sent.key === null ? null : asBuffer(sent.key));
            expect(record.value).toEqual(sent.value === null ? null : asBuffer(sent.value));
            expect(record.headers).toEqual(
              Object.fromEntries(
                Object.entries(sent.headers).map(([name, value]) => [name, asBuffer(value)]),
              ),
            );
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
