/**
 * The caller organisation's master account on a network (ADR 0008): the M-of-N multisig of its
 * institution-admins that authorises, freezes and replaces its operational accounts on chain.
 */
import { useCallback } from 'react';
import { useConsoleApi } from '../api/api-context';
import { useApiResult } from '../api/use-api-result';
import { formatDateTime } from '../layout/format';

export function NetworkMasterAccount(props: { networkId: string }) {
  const api = useConsoleApi();
  const load = useCallback(() => api.masterAccounts.get(props.networkId), [api, props.networkId]);
  const { result } = useApiResult(load);
  if (result.status !== 'loaded' && result.data === undefined) return null;
  const account = result.data;

  return (
    <>
      <h2>Master account</h2>
      {!account && (
        <p className="muted">Your organisation has no master account on this network yet.</p>
      )}
      {account && (
        <dl className="facts">
          <dt>Status</dt>
          <dd>{account.status}</dd>
          <dt>Address</dt>
          <dd className="mono">{account.address ?? '—'}</dd>
          <dt>Approvals needed</dt>
          <dd>
            {account.threshold} of {account.owners.length} owners
          </dd>
          <dt>Owners</dt>
          <dd>
            <ul className="member-list">
              {account.owners.map((owner) => (
                <li key={owner} className="mono">
                  {owner}
                </li>
              ))}
            </ul>
          </dd>
          <dt>Updated</dt>
          <dd>{formatDateTime(account.updatedAt)}</dd>
        </dl>
      )}
    </>
  );
}
