/** Publishes a transaction's current status through the outbox: `transaction-<status>.v1`. */
import { LedgerTransactionTopics } from '@strata/contracts';
import type { OutboxWriter } from '@strata/bus';
import { type LedgerTransaction, toTransactionDto } from './ledger-transaction.entity';

export function recordTransition(outbox: OutboxWriter, tx: LedgerTransaction): void {
  outbox.add({
    topic: LedgerTransactionTopics.transitioned(tx.status),
    key: tx.id,
    payload: toTransactionDto(tx),
  });
}
