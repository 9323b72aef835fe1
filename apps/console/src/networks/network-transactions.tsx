/**
 * A network's latest transactions of the caller's organisation, with the interventions an
 * institution administrator may make on a pending or stuck one: speed it up, ask to cancel it,
 * or approve a colleague's cancellation (the API refuses the requester's own approval).
 */
import type { LedgerTransaction } from '@strata/contracts';
import { useCallback, useState } from 'react';
import { useConsoleApi } from '../api/api-context';
import type { ApiProblem } from '../api/api-problem';
import { REPLACEABLE_STATUSES } from '../api/transactions-api';
import { problemOf, useApiResult } from '../api/use-api-result';
import { useAuth } from '../auth/auth-context';
import { formatDateTime } from '../layout/format';
import { ProblemAlert } from '../layout/problem-alert';

const LATEST = 20;

export function NetworkTransactions(props: { networkId: string }) {
  const api = useConsoleApi();
  const { user } = useAuth();
  const load = useCallback(
    () => api.transactions.list(props.networkId, { limit: LATEST, offset: 0 }),
    [api, props.networkId],
  );
  const { result, reload } = useApiResult(load);
  const [actionProblem, setActionProblem] = useState<ApiProblem>();
  const [notice, setNotice] = useState<string>();
  const page = result.data;
  const isAdmin = user.roles.includes('institution-admin');
  const canIntervene = (tx: LedgerTransaction) =>
    isAdmin && REPLACEABLE_STATUSES.includes(tx.status);

  const act = (done: string, action: () => Promise<void>) => {
    setActionProblem(undefined);
    setNotice(undefined);
    action()
      .then(() => {
        setNotice(done);
        reload();
      })
      .catch((error: unknown) => setActionProblem(problemOf(error)));
  };
  const speedUp = (tx: LedgerTransaction) =>
    act(`Transaction ${tx.nonce} re-sent with a higher fee.`, () =>
      api.transactions.speedUp(props.networkId, tx.id, crypto.randomUUID()),
    );
  const requestCancel = (tx: LedgerTransaction) => {
    const reason = window.prompt('Why should this transaction be cancelled?');
    if (!reason?.trim()) return;
    act('Cancellation requested; another administrator must approve it.', () =>
      api.transactions.requestCancel(props.networkId, tx.id, reason.trim(), crypto.randomUUID()),
    );
  };
  const approveCancel = (tx: LedgerTransaction) =>
    act('Cancellation approved; the replacement is being sent.', () =>
      api.transactions.approveCancel(props.networkId, tx.id, crypto.randomUUID()),
    );

  if (!page)
    return <ProblemAlert problem={result.status === 'failed' ? result.problem : undefined} />;
  return (
    <>
      <h2>Transactions ({page.total})</h2>
      <ProblemAlert problem={result.status === 'failed' ? result.problem : actionProblem} />
      {notice && <p role="status">{notice}</p>}
      <table className="data-table">
        <caption className="visually-hidden">Latest transactions</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Kind</th>
            <th scope="col">From</th>
            <th scope="col">Nonce</th>
            <th scope="col">Attempts</th>
            <th scope="col">Updated</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((tx) => (
            <tr key={tx.id}>
              <td>
                {tx.status}
                {tx.failureReason && <div className="muted">{tx.failureReason}</div>}
              </td>
              <td>{tx.kind}</td>
              <td className="mono">{tx.from}</td>
              <td>{tx.nonce}</td>
              <td>{tx.attempts}</td>
              <td>{formatDateTime(tx.updatedAt)}</td>
              <td>
                {canIntervene(tx) && (
                  <>
                    <button type="button" onClick={() => speedUp(tx)}>
                      Speed up
                    </button>{' '}
                    <button
                      type="button"
                      className="button-secondary"
                      onClick={() => requestCancel(tx)}
                    >
                      Request cancel
                    </button>{' '}
                    <button
                      type="button"
                      className="button-secondary"
                      onClick={() => approveCancel(tx)}
                    >
                      Approve cancel
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
