import fc from 'fast-check';
import { TRANSACTION_STATUSES, type LedgerTransaction } from '@strata/contracts';
import { ledgerTransaction } from '../testing/ledger-transaction.fixture';
import { byLifecycle, ReorderWindow } from './status-order';

const at = (status: LedgerTransaction['status'], updatedAt: string): LedgerTransaction =>
  ledgerTransaction({ status, updatedAt });

const LIFECYCLE = ['accepted', 'signed', 'submitted', 'mined', 'confirmed'] as const;

describe('status order of the transaction stream', () => {
  it('puts changes with the same timestamp in lifecycle order (mined before confirmed)', () => {
    const t = '2026-01-01T00:00:01.000Z';
    expect([at('confirmed', t), at('mined', t)].sort(byLifecycle).map((x) => x.status)).toEqual([
      'mined',
      'confirmed',
    ]);
  });

  it('releases whatever arrived within the window in the order it happened, for any arrival order', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...LIFECYCLE], { minLength: 5, maxLength: 5 }),
        (arrival) => {
          const window = new ReorderWindow(300);
          arrival.forEach((status, i) =>
            window.add(at(status, `2026-01-01T00:00:0${LIFECYCLE.indexOf(status)}.000Z`), 1000 + i),
          );
          expect(window.release(1200)).toEqual([]);
          expect(window.release(2000).map((x) => x.status)).toEqual([...LIFECYCLE]);
          expect(window.release(3000)).toEqual([]);
        },
      ),
    );
  });

  it('holds back arrivals younger than the window', () => {
    const window = new ReorderWindow(300);
    window.add(at('accepted', '2026-01-01T00:00:00.000Z'), 1000);
    window.add(at('signed', '2026-01-01T00:00:01.000Z'), 1250);
    expect(window.release(1300).map((x) => x.status)).toEqual(['accepted']);
    expect(window.release(1550).map((x) => x.status)).toEqual(['signed']);
  });

  it('ranks every status', () => {
    const t = '2026-01-01T00:00:00.000Z';
    for (const status of TRANSACTION_STATUSES) {
      expect(Number.isNaN(byLifecycle(at(status, t), at('accepted', t)))).toBe(false);
    }
  });
});
