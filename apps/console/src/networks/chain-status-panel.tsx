/** What the ledger observes of a network's chain: chain id and latest block, or why not. */
import type { ChainStatus } from '@strata/contracts';
import { formatDateTime, shortenHex } from '../layout/format';

export function ChainStatusPanel(props: { chain: ChainStatus }) {
  const { chain } = props;
  if (!chain.reachable) {
    return (
      <div className="alert alert-warning" role="status">
        <strong>Chain not reachable.</strong> {chain.reason} (observed{' '}
        {formatDateTime(chain.observedAt)})
      </div>
    );
  }
  return (
    <dl className="facts">
      <dt>Chain id</dt>
      <dd data-testid="chain-id">{chain.chainId}</dd>
      <dt>Latest block</dt>
      <dd data-testid="latest-block">{chain.latestBlock.number.toLocaleString()}</dd>
      <dt>Block hash</dt>
      <dd className="mono" title={chain.latestBlock.hash}>
        {shortenHex(chain.latestBlock.hash)}
      </dd>
      <dt>Block time</dt>
      <dd>{formatDateTime(chain.latestBlock.timestamp)}</dd>
      <dt>Observed</dt>
      <dd>{formatDateTime(chain.observedAt)}</dd>
    </dl>
  );
}
