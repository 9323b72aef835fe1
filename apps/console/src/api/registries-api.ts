/**
 * The console's read-only access to the network's trust registries through the generated SDK:
 * trusted issuers with their accreditations, trusted schemas, and the DID registry's identifiers
 * with their resolved documents. Dates are ISO strings, as the rest of the console shows them.
 */
import {
  type Configuration,
  IdentifiersApi,
  type IssuerAttributePageItemsInner,
  TrustedIssuersApi,
  type TrustedSchemaPageItemsInner,
  TrustedSchemasApi,
  TrustRegistryApi,
} from '@strata/sdk';
import type { IssuerAttribute, Page, TrustedSchema } from '@strata/contracts';
import { toPage } from './sdk-models';

/** How many accreditations of one issuer the issuers view shows. */
const ACCREDITATIONS_SHOWN = 20;

export interface RegistryPageQuery {
  limit: number;
  offset: number;
}

export interface TrustedIssuerView {
  did: string;
  accredited: boolean;
  /** Its accreditations (attributes): role, accrediting TAO, schemas, in force or revoked. */
  accreditations: IssuerAttribute[];
}

export const toIssuerAttribute = (a: IssuerAttributePageItemsInner): IssuerAttribute => ({
  id: a.id,
  issuerType: a.issuerType,
  tao: a.tao,
  schemas: a.schemas,
  validFrom: a.validFrom.toISOString(),
  revokedAt: a.revokedAt?.toISOString() ?? null,
  inForce: a.inForce,
});

export const toTrustedSchema = (s: TrustedSchemaPageItemsInner): TrustedSchema => ({
  id: s.id,
  uri: s.uri,
  registrant: s.registrant,
  registeredAt: s.registeredAt.toISOString(),
  revokedAt: s.revokedAt?.toISOString() ?? null,
});

/** Function properties (not methods): pages pass them around unbound as loaders. */
export interface RegistriesConsoleApi {
  listIssuers: (query: RegistryPageQuery) => Promise<Page<TrustedIssuerView>>;
  listSchemas: (query: RegistryPageQuery) => Promise<Page<TrustedSchema>>;
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

  const accreditationsOf = async (did: string): Promise<IssuerAttribute[]> => {
    const page = await issuers.listTrustedIssuerAttributes({
      did,
      limit: ACCREDITATIONS_SHOWN,
      offset: 0,
    });
    return page.items.map(toIssuerAttribute);
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
      call(async () => toPage(await schemas.listTrustedSchemas(query), toTrustedSchema)),
    listDids: (query) =>
      call(async () => toPage(await dids.listDids(query), (d) => ({ did: d.did }))),
    resolveDid: (did) => call(async () => identifiers.resolveDid({ did })),
  };
}
