/** Trusted schemas: id, document URI, registrant, when registered and whether revoked. */
import type { TrustedSchema } from '@strata/contracts';
import { formatDateTime } from '../layout/format';

export function TrustedSchemasTable(props: { schemas: TrustedSchema[] }) {
  return (
    <table className="data-table">
      <caption className="visually-hidden">Trusted schemas</caption>
      <thead>
        <tr>
          <th scope="col">Schema id</th>
          <th scope="col">URI</th>
          <th scope="col">Registrant</th>
          <th scope="col">Registered</th>
          <th scope="col">Revoked</th>
        </tr>
      </thead>
      <tbody>
        {props.schemas.map((schema) => (
          <tr key={schema.id} data-testid="trusted-schema">
            <th scope="row">
              <code>{schema.id}</code>
            </th>
            <td>{schema.uri}</td>
            <td>
              <code>{schema.registrant}</code>
            </td>
            <td>{formatDateTime(schema.registeredAt)}</td>
            <td>{schema.revokedAt ? formatDateTime(schema.revokedAt) : 'no'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
