/**
 * Transactions as GET and list show them: with the cancellation asked for on each (who asked and
 * when, and whether it was approved), read for the whole page in one query, so a reader (the
 * console) offers "Approve cancel" only where a cancellation waits for approval.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { LedgerTransaction as LedgerTransactionDto } from '@strata/contracts';
import { type LedgerTransaction, toTransactionDto } from '../ledger-transaction.entity';
import { TransactionCancellation, toCancellationDto } from './transaction-cancellation.entity';

export async function withCancellations(
  em: EntityManager,
  txs: LedgerTransaction[],
): Promise<LedgerTransactionDto[]> {
  const records =
    txs.length === 0
      ? []
      : await em.find(TransactionCancellation, { transactionId: { $in: txs.map((tx) => tx.id) } });
  const byTransaction = new Map(records.map((r) => [r.transactionId, toCancellationDto(r)]));
  return txs.map((tx) => {
    const record = byTransaction.get(tx.id);
    return {
      ...toTransactionDto(tx),
      cancellation: record
        ? {
            status: record.status,
            requestedBy: record.requestedBy,
            requestedAt: record.requestedAt,
            approvedBy: record.approvedBy,
            approvedAt: record.approvedAt,
          }
        : null,
    };
  });
}
