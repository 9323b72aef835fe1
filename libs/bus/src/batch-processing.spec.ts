import fc from 'fast-check';
import type { KafkaMessage } from 'kafkajs';
import { FinishedPrefix, forEachConcurrently, groupByKey } from './batch-processing';

const message = (offset: number, key: string): KafkaMessage => ({
  offset: String(offset),
  key: Buffer.from(key),
  value: null,
  timestamp: '0',
  attributes: 0,
  headers: {},
});

describe('batch processing', () => {
  it('groups a batch by key keeping each key in partition order', () => {
    const groups = groupByKey([
      message(1, 'a'),
      message(2, 'b'),
      message(3, 'a'),
      message(4, 'b'),
      message(5, 'c'),
    ]);
    expect(groups.map((group) => group.map((m) => m.offset))).toEqual([
      ['1', '3'],
      ['2', '4'],
      ['5'],
    ]);
  });

  it('resolves offsets only over the finished prefix, whatever order messages finish in', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 1, maxLength: 30 }), (seeds) => {
        const messages = seeds.map((_, index) => message(index, `k${index % 3}`));
        const finishOrder = messages
          .map((m, index) => ({ m, rank: seeds[index] }))
          .sort((x, y) => x.rank - y.rank)
          .map((x) => x.m);
        const resolved: number[] = [];
        const prefix = new FinishedPrefix(messages, (offset) => resolved.push(Number(offset)));
        const finished = new Set<number>();
        for (const done of finishOrder) {
          prefix.finished(done);
          finished.add(Number(done.offset));
          const last = resolved.at(-1);
          if (last !== undefined)
            for (let o = 0; o <= last; o++) expect(finished.has(o)).toBe(true);
        }
        expect(resolved.at(-1)).toBe(messages.length - 1);
        expect([...resolved].sort((a, b) => a - b)).toEqual(resolved);
      }),
    );
  });

  it('never runs more than the limit at once and runs everything', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    await forEachConcurrently([...Array(20).keys()], 4, async (item) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(item);
      running--;
    });
    expect(peak).toBeLessThanOrEqual(4);
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
  });
});
