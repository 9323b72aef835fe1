/**
 * Catching a reconnecting status-stream client up when this gateway instance does not hold its
 * position (it was sent by another instance, or by this one before a restart): the current state
 * of every transaction visible to the caller that the ledger changed since the client's
 * watermark (less a margin for changes still on their way when it left), oldest change first.
 * Read page by page by `updatedAt` (keyset: a row changing meanwhile is not skipped, it comes
 * again later). Bounded: past `limit` changes it gives up and the client re-reads the list.
 */
import { type LedgerTransaction, MAX_PAGE_LIMIT, type Page } from '@strata/contracts';

/** How far before the watermark the catch-up starts: changes delivered out of order by up to this. */
export const CATCH_UP_MARGIN_MS = 15_000;
export const CATCH_UP_LIMIT = 1_000;

/** Reads one page of the caller's transactions changed at or after `updatedAfter` (ISO). */
export type ChangedTransactionsReader = (
  updatedAfter: string,
  limit: number,
) => Promise<Page<LedgerTransaction>>;

export async function changedSince(
  read: ChangedTransactionsReader,
  watermark: number,
  limit = CATCH_UP_LIMIT,
): Promise<{ transactions: LedgerTransaction[]; complete: boolean }> {
  const sent = new Set<string>();
  const transactions: LedgerTransaction[] = [];
  let after = new Date(Math.max(0, watermark - CATCH_UP_MARGIN_MS)).toISOString();
  for (;;) {
    const page = await read(after, MAX_PAGE_LIMIT);
    const fresh = page.items.filter((tx) => !sent.has(`${tx.id}@${tx.updatedAt}`));
    for (const tx of fresh) {
      sent.add(`${tx.id}@${tx.updatedAt}`);
      transactions.push(tx);
    }
    if (transactions.length > limit) return { transactions: [], complete: false };
    if (page.items.length < MAX_PAGE_LIMIT) return { transactions, complete: true };
    // A full page all at one instant already sent: the keyset cannot move on.
    if (fresh.length === 0) return { transactions: [], complete: false };
    after = page.items[page.items.length - 1].updatedAt;
  }
}
