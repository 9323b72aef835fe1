/** One network: description, RPC URL, members and the live state of its chain. */
import { useCallback } from 'react';
import { useConsoleApi } from '../api/api-context';
import { useApiResult } from '../api/use-api-result';
import { formatDateTime } from '../layout/format';
import { Link } from '../layout/navigation';
import { ProblemAlert } from '../layout/problem-alert';
import { ChainStatusPanel } from './chain-status-panel';
import { NetworkConsortium } from './network-consortium';
import { NetworkMasterAccount } from './network-master-account';
import { NetworkMembers } from './network-members';
import { NetworkMonitoring } from './network-monitoring';
import { NetworkExplorer } from './network-explorer';
import { NetworkTransactions } from './network-transactions';

export function NetworkDetailPage(props: { networkId: string }) {
  const api = useConsoleApi();
  const load = useCallback(() => api.getNetwork(props.networkId), [api, props.networkId]);
  const { result, reload } = useApiResult(load);
  const network = result.data;

  return (
    <section aria-labelledby="network-title">
      <p>
        <Link to="/networks">← All networks</Link>
      </p>
      <ProblemAlert problem={result.status === 'failed' ? result.problem : undefined} />
      {result.status === 'loading' && !network && <p className="page-status">Loading network…</p>}
      {network && (
        <>
          <div className="page-heading">
            <h1 id="network-title">{network.name}</h1>
            <button type="button" className="button-secondary" onClick={reload}>
              Refresh
            </button>
          </div>
          {network.description && <p>{network.description}</p>}
          <dl className="facts">
            <dt>RPC URL</dt>
            <dd className="mono">{network.rpcUrl}</dd>
            <dt>Registered</dt>
            <dd>{formatDateTime(network.createdAt)}</dd>
          </dl>
          <h2>Chain</h2>
          <ChainStatusPanel chain={network.chain} />
          <h2>Members ({network.memberOrganisationIds.length})</h2>
          <NetworkMembers memberIds={network.memberOrganisationIds} />
          <NetworkConsortium networkId={network.id} />
          <NetworkMonitoring networkId={network.id} />
          <NetworkExplorer networkId={network.id} />
          <NetworkMasterAccount networkId={network.id} />
          <NetworkTransactions networkId={network.id} />
        </>
      )}
    </section>
  );
}
