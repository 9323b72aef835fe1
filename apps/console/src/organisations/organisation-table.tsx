/** The organisations of one page of the list, as a table. */
import type { Organisation } from '@strata/contracts';
import { formatDateTime } from '../layout/format';

export function OrganisationTable(props: {
  organisations: Organisation[];
  highlightedName?: string;
}) {
  if (props.organisations.length === 0) return <p>No organisations match.</p>;
  return (
    <table className="data-table">
      <caption className="visually-hidden">Organisations</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Country</th>
          <th scope="col">Kind</th>
          <th scope="col">Legal identifier</th>
          <th scope="col">Registered</th>
        </tr>
      </thead>
      <tbody>
        {props.organisations.map((organisation) => (
          <tr
            key={organisation.id}
            className={organisation.name === props.highlightedName ? 'row-highlighted' : undefined}
          >
            <th scope="row">{organisation.name}</th>
            <td>{organisation.country}</td>
            <td>{organisation.kind}</td>
            <td>{organisation.legalIdentifier ?? '—'}</td>
            <td>{formatDateTime(organisation.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
