import fc from 'fast-check';
import {
  MAX_LOGS_PER_CALL,
  MAX_RANGE,
  MIN_RANGE,
  nextRangeSize,
  nextWindow,
  retryDelayMs,
} from './block-range';

describe('adaptive eth_getLogs window', () => {
  it('halves the window when the node refuses it or answers with too many logs', () => {
    expect(nextRangeSize(100, { kind: 'refused' })).toBe(50);
    expect(nextRangeSize(100, { kind: 'answered', logs: MAX_LOGS_PER_CALL + 1 })).toBe(50);
  });

  it('doubles the window after a quiet answer and keeps it after a busy one', () => {
    expect(nextRangeSize(100, { kind: 'answered', logs: 0 })).toBe(200);
    expect(nextRangeSize(100, { kind: 'answered', logs: MAX_LOGS_PER_CALL })).toBe(100);
  });

  it('always stays within its bounds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: MIN_RANGE, max: MAX_RANGE }),
        fc.oneof(
          fc.constant({ kind: 'refused' as const }),
          fc.nat(100_000).map((logs) => ({ kind: 'answered' as const, logs })),
        ),
        (current, outcome) => {
          const next = nextRangeSize(current, outcome);
          return Number.isInteger(next) && next >= MIN_RANGE && next <= MAX_RANGE;
        },
      ),
    );
  });

  it('reads only confirmed blocks, from the checkpoint, at most rangeSize of them', () => {
    expect(nextWindow(10, 20, 1, 5)).toEqual({ from: 10, to: 14 });
    expect(nextWindow(10, 12, 3, 100)).toEqual({ from: 10, to: 10 });
    expect(nextWindow(10, 11, 3, 100)).toBeNull();
    fc.assert(
      fc.property(
        fc.nat(1_000_000),
        fc.nat(1_000_000),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: MIN_RANGE, max: MAX_RANGE }),
        (next, head, confirmations, size) => {
          const window = nextWindow(next, head, confirmations, size);
          if (!window) return head - confirmations + 1 < next;
          return (
            window.from === next &&
            window.to >= window.from &&
            window.to - window.from < size &&
            window.to <= head - confirmations + 1
          );
        },
      ),
    );
  });

  it('backs a failing listener off, doubling up to 30 s', () => {
    expect([1, 2, 3].map((f) => retryDelayMs(f, 250))).toEqual([500, 1000, 2000]);
    expect(retryDelayMs(50, 250)).toBe(30_000);
  });
});
