import fc from 'fast-check';
import { backoffMs, exhausted } from './delivery-backoff';

const retry = { maxAttempts: 5, initialBackoffMs: 1000, maxBackoffMs: 60_000 };

describe('webhook retry backoff', () => {
  it('doubles from the initial delay after each failure up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffMs(n, retry))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000,
    ]);
  });

  it('never waits less than the initial delay nor more than the cap, and never shrinks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 600_000 }),
        fc.integer({ min: 0, max: 3_000_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        (initial, extra, failures) => {
          const r = { maxAttempts: 10, initialBackoffMs: initial, maxBackoffMs: initial + extra };
          const delay = backoffMs(failures, r);
          expect(delay).toBeGreaterThanOrEqual(initial);
          expect(delay).toBeLessThanOrEqual(initial + extra);
          expect(backoffMs(failures + 1, r)).toBeGreaterThanOrEqual(delay);
        },
      ),
    );
  });

  it('dead-letters an event once it failed maxAttempts times', () => {
    expect(exhausted(4, retry)).toBe(false);
    expect(exhausted(5, retry)).toBe(true);
  });
});
