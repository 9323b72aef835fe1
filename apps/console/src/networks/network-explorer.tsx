/**
 * A network's explorer section: a search box (block number, block or transaction hash,
 * address), the latest blocks and the events of the latest 100 blocks, each with a pager.
 */
import { type FormEvent, useCallback, useState } from 'react';
import type { SearchResult } from '@strata/contracts';
import { useConsoleApi } from '../api/api-context';
import { problemOf, useApiResult } from '../api/use-api-result';
import type { ApiProblem } from '../api/api-problem';
import { formatDateTime, shortenHex } from '../layout/format';
import { Pager } from '../layout/pager';
import { ProblemAlert } from '../layout/problem-alert';

const PAGE = 10;

function SearchAnswer(props: { found: SearchResult }) {
  const { found } = props;
  if (found.kind === 'block') {
    return (
      <p data-testid="search-result">
        Block {found.block.number} ({shortenHex(found.block.hash)}), {found.block.transactionCount}{' '}
        transactions, {formatDateTime(found.block.timestamp)}
      </p>
    );
  }
  if (found.kind === 'transaction') {
    const tx = found.transaction;
    return (
      <p data-testid="search-result">
        Transaction {shortenHex(tx.hash)} in block {tx.blockNumber ?? 'pending'} from{' '}
        {shortenHex(tx.from)}: {tx.receipt?.status ?? 'pending'}, {tx.receipt?.events.length ?? 0}{' '}
        events
      </p>
    );
  }
  const a = found.address;
  return (
    <p data-testid="search-result">
      {a.isContract ? 'Contract' : 'Account'} {a.address}: {a.transactionCount} transactions sent,{' '}
      {a.recentTransactions.length} recent transactions and {a.recentEvents.length} recent events in
      blocks {a.scannedFromBlock}–{a.scannedToBlock}
    </p>
  );
}

export function NetworkExplorer(props: { networkId: string }) {
  const api = useConsoleApi();
  const [blockOffset, setBlockOffset] = useState(0);
  const [eventOffset, setEventOffset] = useState(0);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<SearchResult | undefined>();
  const [searchProblem, setSearchProblem] = useState<ApiProblem | undefined>();
  const loadBlocks = useCallback(
    () => api.explorer.blocks(props.networkId, { limit: PAGE, offset: blockOffset }),
    [api, props.networkId, blockOffset],
  );
  const loadEvents = useCallback(
    () => api.explorer.events(props.networkId, { limit: PAGE, offset: eventOffset }),
    [api, props.networkId, eventOffset],
  );
  const blocks = useApiResult(loadBlocks).result;
  const events = useApiResult(loadEvents).result;

  const search = (event: FormEvent) => {
    event.preventDefault();
    setFound(undefined);
    setSearchProblem(undefined);
    api.explorer
      .search(props.networkId, query.trim())
      .then(setFound)
      .catch((error: unknown) => setSearchProblem(problemOf(error)));
  };

  return (
    <>
      <h2>Explorer</h2>
      <form role="search" onSubmit={search} className="inline-form">
        <label htmlFor="explorer-search">Block number, hash or address</label>
        <input
          id="explorer-search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="0x… or 1234"
        />
        <button type="submit">Search</button>
      </form>
      <ProblemAlert problem={searchProblem} />
      {found && <SearchAnswer found={found} />}
      <h3>Blocks</h3>
      <ProblemAlert problem={blocks.status === 'failed' ? blocks.problem : undefined} />
      <table className="data-table" data-testid="explorer-blocks">
        <caption className="visually-hidden">Blocks, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Block</th>
            <th scope="col">Hash</th>
            <th scope="col">Transactions</th>
            <th scope="col">Time</th>
          </tr>
        </thead>
        <tbody>
          {(blocks.data?.items ?? []).map((block) => (
            <tr key={block.hash}>
              <td>{block.number}</td>
              <td title={block.hash}>{shortenHex(block.hash)}</td>
              <td>{block.transactionCount}</td>
              <td>{formatDateTime(block.timestamp)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {blocks.data && (
        <Pager
          label="Blocks pages"
          page={{ ...blocks.data, itemCount: blocks.data.items.length }}
          onOffset={setBlockOffset}
        />
      )}
      <h3>Events of the latest 100 blocks</h3>
      <ProblemAlert problem={events.status === 'failed' ? events.problem : undefined} />
      <table className="data-table" data-testid="explorer-events">
        <caption className="visually-hidden">Events, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Block</th>
            <th scope="col">Contract</th>
            <th scope="col">Event</th>
            <th scope="col">Transaction</th>
          </tr>
        </thead>
        <tbody>
          {(events.data?.items ?? []).map((e) => (
            <tr key={e.id}>
              <td>{e.blockNumber}</td>
              <td title={e.address}>{shortenHex(e.address)}</td>
              <td>{e.event ? e.event.signature : `raw ${shortenHex(e.topics[0] ?? '0x')}`}</td>
              <td title={e.transactionHash}>{shortenHex(e.transactionHash)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {events.data && (
        <Pager
          label="Events pages"
          page={{ ...events.data, itemCount: events.data.items.length }}
          onOffset={setEventOffset}
        />
      )}
    </>
  );
}
