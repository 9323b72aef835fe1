/**
 * A network's monitoring section: the latest observation of each node (height, peers, lag, time
 * since its last block) and the network's alerts, open ones first.
 */
import { useCallback } from 'react';
import { useConsoleApi } from '../api/api-context';
import { useApiResult } from '../api/use-api-result';
import { formatDateTime } from '../layout/format';
import { ProblemAlert } from '../layout/problem-alert';

const orDash = (value: number | null): string => (value === null ? '—' : value.toLocaleString());

export function NetworkMonitoring(props: { networkId: string }) {
  const api = useConsoleApi();
  const load = useCallback(
    () =>
      Promise.all([
        api.monitoring.health(props.networkId),
        api.monitoring.alerts(props.networkId, 'open'),
        api.monitoring.alerts(props.networkId, 'resolved'),
      ]),
    [api, props.networkId],
  );
  const { result, reload } = useApiResult(load);
  const [health, open, resolved] = result.data ?? [undefined, undefined, undefined];

  return (
    <>
      <div className="page-heading">
        <h2>Monitoring</h2>
        <button type="button" className="button-secondary" onClick={reload}>
          Refresh monitoring
        </button>
      </div>
      <ProblemAlert problem={result.status === 'failed' ? result.problem : undefined} />
      {health && (
        <table className="data-table" data-testid="node-health">
          <caption className="visually-hidden">Node health</caption>
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">State</th>
              <th scope="col">Block</th>
              <th scope="col">Peers</th>
              <th scope="col">Lag</th>
              <th scope="col">Since last block</th>
              <th scope="col">Observed</th>
            </tr>
          </thead>
          <tbody>
            {health.nodes.map((node) => (
              <tr key={node.nodeId}>
                <td>{node.name}</td>
                <td>
                  {node.reachable ? (node.syncing ? 'syncing' : 'up') : `down: ${node.error}`}
                </td>
                <td>{orDash(node.blockNumber)}</td>
                <td>{orDash(node.peerCount)}</td>
                <td>{orDash(node.lagBlocks)}</td>
                <td>
                  {node.secondsSinceLastBlock === null
                    ? '—'
                    : `${Math.round(node.secondsSinceLastBlock)} s`}
                </td>
                <td>{formatDateTime(node.observedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Alerts ({open?.total ?? 0} open)</h3>
      <table className="data-table" data-testid="alerts">
        <caption className="visually-hidden">Alerts</caption>
        <thead>
          <tr>
            <th scope="col">Alert</th>
            <th scope="col">Status</th>
            <th scope="col">Detail</th>
            <th scope="col">Raised</th>
            <th scope="col">Resolved</th>
          </tr>
        </thead>
        <tbody>
          {[...(open?.items ?? []), ...(resolved?.items ?? [])].map((alert) => (
            <tr key={alert.id}>
              <td>{alert.kind}</td>
              <td>{alert.status}</td>
              <td>{alert.detail}</td>
              <td>{formatDateTime(alert.raisedAt)}</td>
              <td>{alert.resolvedAt ? formatDateTime(alert.resolvedAt) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
