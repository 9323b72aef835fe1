/**
 * The interventions an institution administrator may make on a pending or stuck transaction from
 * the transactions panel: speed it up, ask to cancel it, or approve a colleague's cancellation
 * (the API refuses the requester's own approval). Each call has its own Idempotency-Key; the
 * outcome is a notice or the API's problem.
 */
import type { LedgerTransaction } from '@strata/contracts';
import { useState } from 'react';
import { useConsoleApi } from '../api/api-context';
import type { ApiProblem } from '../api/api-problem';
import { problemOf } from '../api/use-api-result';

export interface TransactionInterventions {
  notice?: string;
  problem?: ApiProblem;
  speedUp(tx: LedgerTransaction): void;
  requestCancel(tx: LedgerTransaction): void;
  approveCancel(tx: LedgerTransaction): void;
}

export function useTransactionInterventions(
  networkId: string,
  afterChange: () => void,
): TransactionInterventions {
  const api = useConsoleApi();
  const [problem, setProblem] = useState<ApiProblem>();
  const [notice, setNotice] = useState<string>();

  const act = (done: string, action: () => Promise<void>) => {
    setProblem(undefined);
    setNotice(undefined);
    action()
      .then(() => {
        setNotice(done);
        afterChange();
      })
      .catch((error: unknown) => setProblem(problemOf(error)));
  };

  return {
    notice,
    problem,
    speedUp: (tx) =>
      act(`Transaction ${tx.nonce} re-sent with a higher fee.`, () =>
        api.transactions.speedUp(networkId, tx.id, crypto.randomUUID()),
      ),
    requestCancel: (tx) => {
      const reason = window.prompt('Why should this transaction be cancelled?');
      if (!reason?.trim()) return;
      act('Cancellation requested; another administrator must approve it.', () =>
        api.transactions.requestCancel(networkId, tx.id, reason.trim(), crypto.randomUUID()),
      );
    },
    approveCancel: (tx) =>
      act('Cancellation approved; the replacement is being sent.', () =>
        api.transactions.approveCancel(networkId, tx.id, crypto.randomUUID()),
      ),
  };
}
