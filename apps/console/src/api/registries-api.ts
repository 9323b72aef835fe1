/**
 * The console's read-only access to the network's trust registries through the generated SDK:
 * trusted issuers with their accreditations, trusted schemas, and the DID registry's identifiers
 * with their resolved documents. Dates are ISO strings, as the rest of the console shows them.
 */
import {
  type Configuration,
  IdentifiersApi,
  TrustedIssuersApi,
  TrustedSchemasApi,
  TrustRegistryApi,
} from '@strata/sdk';
import type { Page } from '@strata/contracts';
import { toPage } from './sdk-models';

/** How many accreditations of one issuer the issuers view shows. */
const ACCREDITATIONS_SHOWN = 20;

export interface RegistryPageQuery {
  limit: number;
  offset: number;
}

/** One accreditation (attribute) of an issuer: its role, who accredited it, for which schemas. */
export interface Accreditation {
  id: string;
  issuerType: string;
  tao: string;
  schemas: string[];
  validFrom: string;
  revokedAt: string | null;
  inForce: boolean;
}

export interface TrustedIssuerView {
  did: string;
  accredited: boolean;
  accreditations: Accreditation[];
}

export interface TrustedSchemaView {
  id: string;
  uri: string;
  registrant: string;
  registeredAt: string;
  revokedAt: string | null;
}

/** Function properties (not methods): pages pass them around unbound as loaders. */
export interface RegistriesConsoleApi {
  listIssuers: (query: RegistryPageQuery) => Promise<Page<TrustedIssuerView>>;
  listSchemas: (query: RegistryPageQuery) => Promise<Page<TrustedSchemaView>>;
  listDids: (query: RegistryPageQuery) => Promise<Page<{ did: string }>>;
  /** The W3C DID resolution result (document, document and resolution metadata). */
  resolveDid: (did: string) => Promise<object>;
}

export function createRegistriesApi(
  configuration: Configuration,
  call: <T>(request: () => Promise<T>) => Promise<T>,
): RegistriesConsoleApi {
  const issuers = new TrustedIssuersApi(configuration);
  const schemas = new TrustedSchemasApi(configuration);
  const dids = new TrustRegistryApi(configuration);
  const identifiers = new IdentifiersApi(configuration);

  const accreditationsOf = async (did: string): Promise<Accreditation[]> => {
    const page = await issuers.listTrustedIssuerAttributes({
      did,
      limit: ACCREDITATIONS_SHOWN,
      offset: 0,
    });
    return page.items.map((a) => ({
      id: a.id,
      issuerType: a.issuerType,
      tao: a.tao,
      schemas: a.schemas,
      validFrom: a.validFrom.toISOString(),
      revokedAt: a.revokedAt?.toISOString() ?? null,
      inForce: a.inForce,
    }));
  };

  return {
    listIssuers: (query) =>
      call(async () => {
        const page = await issuers.listTrustedIssuers(query);
        const items = await Promise.all(
          page.items.map(async (issuer) => ({
            did: issuer.did,
            accredited: issuer.accredited,
            accreditations: await accreditationsOf(issuer.did),
          })),
        );
        return { items, total: page.total, limit: page.limit, offset: page.offset };
      }),
    listSchemas: (query) =>
      call(async () =>
        toPage(await schemas.listTrustedSchemas(query), (s) => ({
          id: s.id,
          uri: s.uri,
          registrant: s.registrant,
          registeredAt: s.registeredAt.toISOString(),
          revokedAt: s.revokedAt?.toISOString() ?? null,
        })),
      ),
    listDids: (query) =>
      call(async () => toPage(await dids.listDids(query), (d) => ({ did: d.did }))),
    resolveDid: (did) => call(async () => identifiers.resolveDid({ did })),
  };
}
