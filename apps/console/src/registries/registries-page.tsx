/**
 * Trust registries (read-only): the network's trusted issuers with their accreditations, the
 * trusted schemas, and the DID registry's identifiers with their resolved documents. Without
 * registries configured each section shows the API's problem.
 */
import { useConsoleApi } from '../api/api-context';
import { DidRegistryTable } from './did-registry-table';
import { RegistryList } from './registry-list';
import { TrustedIssuersTable } from './trusted-issuers-table';
import { TrustedSchemasTable } from './trusted-schemas-table';

export function RegistriesPage() {
  const { registries } = useConsoleApi();
  return (
    <section aria-labelledby="registries-title">
      <h1 id="registries-title">Trust registries</h1>
      <RegistryList
        id="trusted-issuers-title"
        title="Trusted issuers"
        load={registries.listIssuers}
        empty="No issuer is accredited yet."
        render={(issuers) => <TrustedIssuersTable issuers={issuers} />}
      />
      <RegistryList
        id="trusted-schemas-title"
        title="Trusted schemas"
        load={registries.listSchemas}
        empty="No schema is registered yet."
        render={(schemas) => <TrustedSchemasTable schemas={schemas} />}
      />
      <RegistryList
        id="did-registry-title"
        title="DID registry"
        load={registries.listDids}
        empty="No DID is registered yet."
        render={(dids) => <DidRegistryTable dids={dids} />}
      />
    </section>
  );
}
