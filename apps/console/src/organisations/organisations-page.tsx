/**
 * Organisations: a paginated list filtered by name and, for platform admins, the form that
 * registers a new one. After a registration the list is reloaded from the first page.
 */
import { useCallback, useState, type FormEvent } from 'react';
import { useConsoleApi } from '../api/api-context';
import type { RegistrationOutcome } from '../api/console-api';
import { useApiResult } from '../api/use-api-result';
import { useAuth } from '../auth/auth-context';
import { canRegisterOrganisation } from '../auth/permissions';
import { Pager } from '../layout/pager';
import { ProblemAlert } from '../layout/problem-alert';
import { pageShowing, type RegisteredOrganisationRef } from './organisation-locator';
import { OrganisationTable } from './organisation-table';
import { RegisterOrganisationForm } from './register-organisation-form';

const PAGE_SIZE = 20;
/** After a 202 the list is read again after these delays, until the organisation shows. */
const PENDING_RELOAD_DELAYS_MS = [1000, 3000, 6000];

function outcomeMessage(outcome: RegistrationOutcome, name: string): string {
  return outcome.kind === 'registered'
    ? `Organisation “${name}” registered.`
    : `Registration of “${name}” accepted (operation ${outcome.operationId}); it appears in the list once the platform has processed it.`;
}

export function OrganisationsPage() {
  const api = useConsoleApi();
  const { user } = useAuth();
  const [nameFilter, setNameFilter] = useState('');
  const [filterInput, setFilterInput] = useState('');
  const [offset, setOffset] = useState(0);
  const [located, setLocated] = useState<RegisteredOrganisationRef | undefined>();
  const [registering, setRegistering] = useState(false);
  const [notice, setNotice] = useState<{ message: string; name: string } | undefined>();

  const load = useCallback(() => {
    const listPage = (pageOffset: number) =>
      api.listOrganisations({
        limit: PAGE_SIZE,
        offset: pageOffset,
        name: nameFilter || undefined,
      });
    return located ? pageShowing(located, PAGE_SIZE, listPage) : listPage(offset);
  }, [api, offset, nameFilter, located]);
  const { result, reload } = useApiResult(load);

  const applyFilter = (event: FormEvent) => {
    event.preventDefault();
    setOffset(0);
    setLocated(undefined);
    setNameFilter(filterInput.trim());
  };

  const onRegistered = (outcome: RegistrationOutcome, name: string) => {
    setRegistering(false);
    setNotice({ message: outcomeMessage(outcome, name), name });
    setFilterInput('');
    setNameFilter('');
    setLocated(outcome.kind === 'registered' ? outcome.organisation : { name });
    reload();
    if (outcome.kind === 'pending') {
      for (const delay of PENDING_RELOAD_DELAYS_MS) setTimeout(reload, delay);
    }
  };

  const showPage = (pageOffset: number) => {
    setLocated(undefined);
    setOffset(pageOffset);
  };

  return (
    <section aria-labelledby="organisations-title">
      <div className="page-heading">
        <h1 id="organisations-title">Organisations</h1>
        {canRegisterOrganisation(user.roles) && !registering && (
          <button type="button" className="button-primary" onClick={() => setRegistering(true)}>
            Register organisation
          </button>
        )}
      </div>
      {notice && (
        <p className="alert alert-success" role="status">
          {notice.message}
        </p>
      )}
      {registering && (
        <RegisterOrganisationForm
          onRegistered={onRegistered}
          onCancel={() => setRegistering(false)}
        />
      )}
      <form className="filter" role="search" onSubmit={applyFilter}>
        <label htmlFor="organisation-filter">Name contains</label>
        <input
          id="organisation-filter"
          type="search"
          value={filterInput}
          onChange={(event) => setFilterInput(event.target.value)}
        />
        <button type="submit" className="button-secondary">
          Filter
        </button>
      </form>
      <ProblemAlert problem={result.status === 'failed' ? result.problem : undefined} />
      {result.data && (
        <div aria-busy={result.status === 'loading'}>
          <OrganisationTable organisations={result.data.items} highlightedName={notice?.name} />
          <Pager
            page={{ ...result.data, itemCount: result.data.items.length }}
            label="Organisation pages"
            onOffset={showPage}
          />
        </div>
      )}
      {result.status === 'loading' && !result.data && (
        <p className="page-status">Loading organisations…</p>
      )}
    </section>
  );
}
