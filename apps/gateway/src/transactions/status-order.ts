/**
 * Each status has its own topic, so Kafka keeps no order between a transaction's statuses. The
 * stream holds arrivals for a short window and hands them out by (updatedAt, lifecycle rank):
 * a transaction's changes come out in the order they happened even when their topics arrive
 * interleaved.
 */
import type { LedgerTransaction, TransactionStatus } from '@strata/contracts';

const RANK: Record<TransactionStatus, number> = {
  accepted: 0,
  signed: 1,
  submitted: 2,
  mined: 3,
  confirmed: 4,
  failed: 4,
  replaced: 4,
  cancelled: 4,
  stuck: 4,
};

export function byLifecycle(a: LedgerTransaction, b: LedgerTransaction): number {
  const time = Date.parse(a.updatedAt) - Date.parse(b.updatedAt);
  return time !== 0 ? time : RANK[a.status] - RANK[b.status];
}

/** Collects arrivals and releases those older than `windowMs`, sorted by `byLifecycle`. */
export class ReorderWindow {
  private pending: { at: number; transaction: LedgerTransaction }[] = [];

  constructor(private readonly windowMs: number) {}

  add(transaction: LedgerTransaction, now: number): void {
    this.pending.push({ at: now, transaction });
  }

  release(now: number): LedgerTransaction[] {
    const due = this.pending.filter((p) => now - p.at >= this.windowMs);
    if (due.length === 0) return [];
    this.pending = this.pending.filter((p) => now - p.at < this.windowMs);
    return due.map((p) => p.transaction).sort(byLifecycle);
  }
}
