import fc from 'fast-check';
import { type LedgerTransaction, MAX_PAGE_LIMIT } from '@strata/contracts';
import { ledgerTransaction } from '../testing/ledger-transaction.fixture';
import {
  CATCH_UP_MARGIN_MS,
  changedSince,
  type ChangedTransactionsReader,
} from './stream-catch-up';

const BASE = Date.parse('2026-01-01T00:00:00.000Z');

const tx = (n: number, updatedAtMs: number): LedgerTransaction =>
  ledgerTransaction({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    nonce: n,
    updatedAt: new Date(updatedAtMs).toISOString(),
  });

/** The ledger's list with `updatedAfter`: changed at or after it, by (updatedAt, id). */
function ledgerOf(rows: Map<string, LedgerTransaction>): ChangedTransactionsReader & {
  reads: number;
} {
  const read = async (updatedAfter: string, limit: number) => {
    read.reads++;
    const items = [...rows.values()]
      .filter((t) => t.updatedAt >= updatedAfter)
      .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id));
    return { items: items.slice(0, limit), total: items.length, limit, offset: 0 };
  };
  read.reads = 0;
  return read;
}

const rowsOf = (list: LedgerTransaction[]) => new Map(list.map((t) => [t.id, t]));

describe('catching a status-stream client up from the ledger', () => {
  it('gives every transaction changed since the watermark less the margin, oldest change first, across pages and ties', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Offsets in seconds from BASE: many share an instant (ties across page boundaries).
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 400 }),
        fc.integer({ min: 0, max: 60 }),
        async (offsets, watermarkSeconds) => {
          const list = offsets.map((s, n) => tx(n, BASE + s * 1000));
          const watermark = BASE + watermarkSeconds * 1000;
          const { transactions, complete } = await changedSince(ledgerOf(rowsOf(list)), watermark);
          const since = watermark - CATCH_UP_MARGIN_MS;
          const expected = list.filter((t) => Date.parse(t.updatedAt) >= since);
          // Only when a page's worth share one instant can the keyset not move on: then it
          // says so and sends nothing.
          if (!complete) {
            const perInstant = new Map<string, number>();
            for (const t of expected) {
              perInstant.set(t.updatedAt, (perInstant.get(t.updatedAt) ?? 0) + 1);
            }
            expect(Math.max(...perInstant.values())).toBeGreaterThanOrEqual(MAX_PAGE_LIMIT);
            expect(transactions).toEqual([]);
            return;
          }
          expect(transactions.map((t) => t.id).sort()).toEqual(expected.map((t) => t.id).sort());
          const times = transactions.map((t) => t.updatedAt);
          expect([...times].sort()).toEqual(times);
        },
      ),
    );
  });

  it('does not skip a transaction that changes while the pages are read: it comes again, later', async () => {
    const list = Array.from({ length: 250 }, (_, n) => tx(n, BASE + n * 10));
    const rows = rowsOf(list);
    const ledger = ledgerOf(rows);
    const read: ChangedTransactionsReader = async (after, limit) => {
      const page = await ledger(after, limit);
      // After the first page, an early transaction (on that page) changes again.
      if (ledger.reads === 1) rows.set(list[3].id, tx(3, BASE + 10_000));
      return page;
    };
    const { transactions, complete } = await changedSince(read, BASE + CATCH_UP_MARGIN_MS);
    expect(complete).toBe(true);
    expect(new Set(transactions.map((t) => t.id)).size).toBe(250);
    const third = transactions.filter((t) => t.id === list[3].id).map((t) => t.updatedAt);
    expect(third).toEqual([list[3].updatedAt, new Date(BASE + 10_000).toISOString()]);
  });

  it('gives up (the client re-reads the list) past the limit, or when a full page is one instant', async () => {
    const many = Array.from({ length: 30 }, (_, n) => tx(n, BASE + n));
    expect(await changedSince(ledgerOf(rowsOf(many)), BASE, 20)).toEqual({
      transactions: [],
      complete: false,
    });
    const sameInstant = Array.from({ length: MAX_PAGE_LIMIT + 1 }, (_, n) => tx(n, BASE));
    expect(await changedSince(ledgerOf(rowsOf(sameInstant)), BASE)).toEqual({
      transactions: [],
      complete: false,
    });
  });
});
