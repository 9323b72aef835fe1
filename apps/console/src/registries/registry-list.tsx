/**
 * One paginated registry list on the trust registries page: loads a page with `load`, shows a
 * problem (e.g. no registries configured) or the rows `render` draws, and the pager below.
 */
import { type ReactNode, useCallback, useState } from 'react';
import type { Page } from '@strata/contracts';
import { useApiResult } from '../api/use-api-result';
import { Pager } from '../layout/pager';
import { ProblemAlert } from '../layout/problem-alert';

const PAGE_SIZE = 10;

export function RegistryList<T>(props: {
  id: string;
  title: string;
  load: (query: { limit: number; offset: number }) => Promise<Page<T>>;
  empty: string;
  render: (items: T[]) => ReactNode;
}) {
  const { load: loadPage } = props;
  const [offset, setOffset] = useState(0);
  const load = useCallback(() => loadPage({ limit: PAGE_SIZE, offset }), [loadPage, offset]);
  const { result } = useApiResult(load);
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <ProblemAlert problem={result.status === 'failed' ? result.problem : undefined} />
      {result.data && (
        <div aria-busy={result.status === 'loading'}>
          {result.data.items.length === 0 ? <p>{props.empty}</p> : props.render(result.data.items)}
          <Pager
            page={{ ...result.data, itemCount: result.data.items.length }}
            label={`${props.title} pages`}
            onOffset={setOffset}
          />
        </div>
      )}
      {result.status === 'loading' && !result.data && <p className="page-status">Loading…</p>}
    </section>
  );
}
