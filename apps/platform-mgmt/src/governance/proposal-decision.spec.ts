/** Thresholds and vote decisions, for every electorate size and vote split. */
import fc from 'fast-check';
import { decide, isExpired, thresholdFor } from './proposal-decision';

describe('proposal decisions', () => {
  it('needs more than half of the validator-owning institutions by default', () => {
    expect([1, 2, 3, 4, 5].map((n) => thresholdFor(n))).toEqual([1, 2, 2, 3, 3]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), (n) => {
        const threshold = thresholdFor(n);
        expect(threshold * 2).toBeGreaterThan(n);
        expect((threshold - 1) * 2).toBeLessThanOrEqual(n);
      }),
    );
  });

  it('caps a configured threshold at the number of voters', () => {
    expect(thresholdFor(4, 4)).toBe(4);
    expect(thresholdFor(4, 9)).toBe(4);
    expect(thresholdFor(4, 1)).toBe(1);
  });

  it('approves at the threshold, rejects when it can no longer be reached, and is open otherwise', () => {
    expect(decide(3, 4, 2, 0)).toBe('open');
    expect(decide(3, 4, 3, 0)).toBe('approved');
    expect(decide(3, 4, 1, 2)).toBe('rejected');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.nat(50), fc.nat(50), (n, a, r) => {
        const approvals = Math.min(a, n);
        const rejections = Math.min(r, n - approvals);
        const threshold = thresholdFor(n);
        const decision = decide(threshold, n, approvals, rejections);
        expect(decision === 'approved').toBe(approvals >= threshold);
        if (decision === 'open')
          expect(approvals + (n - approvals - rejections)).toBeGreaterThanOrEqual(threshold);
      }),
    );
  });

  it('expires exactly at the deadline by the given clock', () => {
    const deadline = new Date('2026-11-23T12:00:00Z');
    expect(isExpired(deadline, new Date('2026-11-23T11:59:59.999Z'))).toBe(false);
    expect(isExpired(deadline, deadline)).toBe(true);
  });
});
