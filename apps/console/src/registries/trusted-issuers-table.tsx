/** Trusted issuers with each accreditation: role, accrediting TAO, schemas, and whether it is in force or revoked. */
import type { TrustedIssuerView } from '../api/registries-api';
import { formatDateTime } from '../layout/format';

export function TrustedIssuersTable(props: { issuers: TrustedIssuerView[] }) {
  return (
    <table className="data-table">
      <caption className="visually-hidden">Trusted issuers</caption>
      <thead>
        <tr>
          <th scope="col">Issuer DID</th>
          <th scope="col">Accredited</th>
          <th scope="col">Accreditations</th>
        </tr>
      </thead>
      <tbody>
        {props.issuers.map((issuer) => (
          <tr key={issuer.did} data-testid="trusted-issuer">
            <th scope="row">
              <code>{issuer.did}</code>
            </th>
            <td>{issuer.accredited ? 'yes' : 'no'}</td>
            <td>
              <ul className="plain-list">
                {issuer.accreditations.map((a) => (
                  <li key={a.id}>
                    <strong>{a.issuerType}</strong>
                    {a.inForce ? ' (in force)' : ' (not in force)'}
                    {a.revokedAt ? `, revoked ${formatDateTime(a.revokedAt)}` : ''}, by{' '}
                    <code>{a.tao}</code>, valid from {formatDateTime(a.validFrom)}; schemas:{' '}
                    {a.schemas.length > 0 ? a.schemas.map((s) => <code key={s}>{s} </code>) : '—'}
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
