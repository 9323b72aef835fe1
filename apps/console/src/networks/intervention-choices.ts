/**
 * Which interventions the transactions panel offers on a transaction: speed-up on every
 * replaceable one; "Request cancel" only while no cancellation was asked for; "Approve cancel"
 * only while one waits for a second administrator (the API refuses the requester's own approval).
 */
import type { LedgerTransaction } from '@strata/contracts';

export type InterventionChoice = 'speed-up' | 'request-cancel' | 'approve-cancel';

export function interventionChoices(
  tx: Pick<LedgerTransaction, 'cancellation'>,
): InterventionChoice[] {
  const cancellation = tx.cancellation ?? null;
  if (!cancellation) return ['speed-up', 'request-cancel'];
  if (cancellation.status === 'requested') return ['speed-up', 'approve-cancel'];
  return ['speed-up'];
}
