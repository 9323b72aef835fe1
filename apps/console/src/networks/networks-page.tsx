/** Networks: the consortium chains registered on the platform, each linking to its details. */
import { useCallback, useState } from 'react';
import { useConsoleApi } from '../api/api-context';
import { useApiResult } from '../api/use-api-result';
import { formatDateTime } from '../layout/format';
import { Link } from '../layout/navigation';
import { Pager } from '../layout/pager';
import { ProblemAlert } from '../layout/problem-alert';
import { pathOf } from '../layout/routes';

const PAGE_SIZE = 20;

export function NetworksPage() {
  const api = useConsoleApi();
  const [offset, setOffset] = useState(0);
  const load = useCallback(() => api.listNetworks({ limit: PAGE_SIZE, offset }), [api, offset]);
  const { result } = useApiResult(load);

  return (
    <section aria-labelledby="networks-title">
      <div className="page-heading">
        <h1 id="networks-title">Networks</h1>
      </div>
      <ProblemAlert problem={result.status === 'failed' ? result.problem : undefined} />
      {result.status === 'loading' && !result.data && (
        <p className="page-status">Loading networks…</p>
      )}
      {result.data && result.data.items.length === 0 && <p>No networks are registered yet.</p>}
      {result.data && result.data.items.length > 0 && (
        <div aria-busy={result.status === 'loading'}>
          <table className="data-table">
            <caption className="visually-hidden">Networks</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Members</th>
                <th scope="col">RPC URL</th>
                <th scope="col">Registered</th>
              </tr>
            </thead>
            <tbody>
              {result.data.items.map((network) => (
                <tr key={network.id}>
                  <th scope="row">
                    <Link to={pathOf({ page: 'network', networkId: network.id })}>
                      {network.name}
                    </Link>
                  </th>
                  <td>{network.memberOrganisationIds.length}</td>
                  <td className="mono">{network.rpcUrl}</td>
                  <td>{formatDateTime(network.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager
            page={{ ...result.data, itemCount: result.data.items.length }}
            label="Network pages"
            onOffset={setOffset}
          />
        </div>
      )}
    </section>
  );
}
