/**
 * A network's transactions of the caller's organisation, newest first, 20 a page, filtered by
 * status, and the interventions an institution administrator may make on a pending or stuck one
 * (see transaction-interventions.ts). The page follows the status stream live: a shown row takes
 * each status change as it comes, a transaction not on the page (or leaving the filter) reloads
 * it; Refresh reloads on demand. Above the list: the transaction settings in force on the network.
 */
import {
  type LedgerTransaction,
  TRANSACTION_STATUSES,
  type TransactionStatus,
} from '@strata/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useConsoleApi } from '../api/api-context';
import { REPLACEABLE_STATUSES } from '../api/transactions-api';
import { useApiResult } from '../api/use-api-result';
import { useAuth } from '../auth/auth-context';
import { canSubmitTransactions } from '../auth/permissions';
import { formatDateTime, shortenHex } from '../layout/format';
import { Pager } from '../layout/pager';
import { ProblemAlert } from '../layout/problem-alert';
import {
  type TransactionInterventions,
  useTransactionInterventions,
} from './transaction-interventions';
import { TransactionSettingsFacts } from './transaction-settings-facts';
import { TransferForm } from './transfer-form';
import { interventionChoices } from './intervention-choices';

const PAGE = 20;

function InterventionButtons(props: { tx: LedgerTransaction; act: TransactionInterventions }) {
  const { tx, act } = props;
  const choices = interventionChoices(tx);
  return (
    <>
      <button type="button" onClick={() => act.speedUp(tx)}>
        Speed up
      </button>
      {choices.includes('request-cancel') && (
        <>
          {' '}
          <button type="button" className="button-secondary" onClick={() => act.requestCancel(tx)}>
            Request cancel
          </button>
        </>
      )}
      {choices.includes('approve-cancel') && (
        <>
          {' '}
          <button type="button" className="button-secondary" onClick={() => act.approveCancel(tx)}>
            Approve cancel
          </button>
        </>
      )}
    </>
  );
}

export function NetworkTransactions(props: { networkId: string }) {
  const api = useConsoleApi();
  const { user } = useAuth();
  const [status, setStatus] = useState<TransactionStatus | ''>('');
  const [offset, setOffset] = useState(0);
  const load = useCallback(
    () =>
      api.transactions.list(props.networkId, {
        limit: PAGE,
        offset,
        ...(status ? { status } : {}),
      }),
    [api, props.networkId, offset, status],
  );
  const { result, reload } = useApiResult(load);
  const act = useTransactionInterventions(props.networkId, reload);
  const page = result.data;
  const { live, latest } = useLiveStatuses(props.networkId, page?.items, status, reload);
  const fresher = (tx: LedgerTransaction): LedgerTransaction => {
    const update = latest.get(tx.id);
    return update && update.updatedAt >= tx.updatedAt ? update : tx;
  };
  const isAdmin = user.roles.includes('institution-admin');
  const canIntervene = (tx: LedgerTransaction) =>
    isAdmin && REPLACEABLE_STATUSES.includes(tx.status);

  return (
    <section aria-labelledby="transactions-title" data-testid="network-transactions">
      <div className="page-heading">
        <h2 id="transactions-title">Transactions{page && ` (${page.total})`}</h2>
        <span className="muted" data-testid="transactions-live">
          {live ? 'Live' : 'Not live (reconnecting)'}
        </span>
        <button type="button" className="button-secondary" onClick={reload}>
          Refresh transactions
        </button>
      </div>
      <TransactionSettingsFacts networkId={props.networkId} />
      {canSubmitTransactions(user.roles) && (
        <TransferForm networkId={props.networkId} onSubmitted={reload} />
      )}
      <div className="inline-form">
        <label htmlFor="transactions-status">Status</label>
        <select
          id="transactions-status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as TransactionStatus | '');
            setOffset(0);
          }}
        >
          <option value="">all</option>
          {TRANSACTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <ProblemAlert problem={result.status === 'failed' ? result.problem : act.problem} />
      {act.notice && <p role="status">{act.notice}</p>}
      {page && (
        <>
          <table className="data-table">
            <caption className="visually-hidden">Transactions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Kind</th>
                <th scope="col">From</th>
                <th scope="col">Nonce</th>
                <th scope="col">Hash</th>
                <th scope="col">Attempts</th>
                <th scope="col">Updated</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map(fresher).map((tx) => (
                <tr key={tx.id} data-transaction-id={tx.id}>
                  <td data-testid="transaction-status">
                    {tx.status}
                    {tx.failureReason && <div className="muted">{tx.failureReason}</div>}
                  </td>
                  <td>{tx.kind}</td>
                  <td className="mono">{tx.from}</td>
                  <td>{tx.nonce}</td>
                  <td className="mono" title={tx.hash ?? undefined}>
                    {tx.hash ? shortenHex(tx.hash) : '—'}
                  </td>
                  <td>{tx.attempts}</td>
                  <td>{formatDateTime(tx.updatedAt)}</td>
                  <td>{canIntervene(tx) && <InterventionButtons tx={tx} act={act} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager
            label="Transactions pages"
            page={{ ...page, itemCount: page.items.length }}
            onOffset={setOffset}
          />
        </>
      )}
    </section>
  );
}

/**
 * Follows the network's status stream: the latest status event of each transaction, whether the
 * stream is connected, and a (debounced) reload when the page cannot show an event by itself.
 */
function useLiveStatuses(
  networkId: string,
  shown: readonly LedgerTransaction[] | undefined,
  status: TransactionStatus | '',
  reload: () => void,
): { live: boolean; latest: ReadonlyMap<string, LedgerTransaction> } {
  const api = useConsoleApi();
  const [live, setLive] = useState(false);
  const [latest, setLatest] = useState<ReadonlyMap<string, LedgerTransaction>>(new Map());
  // Read by the stream's handlers without following it again on every page or filter change.
  const view = useRef({ shown, status });
  view.current = { shown, status };
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reloadSoon = () => {
      clearTimeout(timer);
      timer = setTimeout(reload, 300);
    };
    const stop = api.transactions.follow(networkId, {
      onStatus: (tx) => {
        setLatest((known) => new Map(known).set(tx.id, tx));
        const { shown: rows, status: filter } = view.current;
        const onPage = rows?.some((row) => row.id === tx.id) ?? false;
        if (!onPage || (filter && tx.status !== filter)) reloadSoon();
      },
      onResync: reloadSoon,
      onLive: setLive,
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [api, networkId, reload]);
  return { live, latest };
}
