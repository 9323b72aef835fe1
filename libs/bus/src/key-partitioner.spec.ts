import fc from 'fast-check';
import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { KeyPartitioner, murmur2 } from './key-partitioner';

const metadata = (count: number): PartitionMetadata[] =>
  Array.from({ length: count }, (_, partitionId) => ({
    partitionId,
    leader: 1,
    partitionErrorCode: 0,
    replicas: [1],
    isr: [1],
  }));

describe('the key partitioner', () => {
  it("puts every key on the partition kafkajs's default partitioner chooses", () => {
    const ours = KeyPartitioner();
    const theirs = Partitioners.DefaultPartitioner();
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 80 })),
        fc.integer({ min: 1, max: 64 }),
        (key, partitions) => {
          const args = {
            topic: 't',
            partitionMetadata: metadata(partitions),
            message: { key, value: null },
          };
          // Twice: the second answer comes from the cache.
          expect(ours(args)).toBe(theirs(args));
          expect(ours(args)).toBe(theirs(args));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('hashes buffers like kafkajs too, and keeps an explicit partition', () => {
    const ours = KeyPartitioner();
    const theirs = Partitioners.DefaultPartitioner();
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 100 }),
        fc.integer({ min: 1, max: 64 }),
        (bytes, partitions) => {
          const args = {
            topic: 't',
            partitionMetadata: metadata(partitions),
            message: { key: Buffer.from(bytes), value: null },
          };
          expect(ours(args)).toBe(theirs(args));
        },
      ),
    );
    const key = '0x5fbdb2315678afecb367f032d93f642f64180aa3:0xddf252ad';
    expect(murmur2(key)).toBe(murmur2(Buffer.from(key)));
    const pinned = { key, value: null, partition: 2 };
    expect(ours({ topic: 't', partitionMetadata: metadata(3), message: pinned })).toBe(2);
  });
});
