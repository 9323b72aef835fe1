/**
 * The only place the console talks to the Strata API, through the generated SDK (`@strata/sdk`).
 * Pages get contract types (plain JSON shapes) and every failure as an ApiRequestError that
 * carries the problem+json.
 */
import { Configuration, NetworksApi, OrganisationsApi } from '@strata/sdk';
import type {
  Network,
  NetworkDetail,
  Organisation,
  Page,
  RegisterOrganisation,
} from '@strata/contracts';
import { ApiRequestError, toApiProblem, unreachableProblem } from './api-problem';
import { type ConsortiumApi, createConsortiumApi } from './consortium-api';
import { createExplorerApi, type ExplorerConsoleApi } from './explorer-api';
import { createMasterAccountApi, type MasterAccountApi } from './master-account-api';
import { createCredentialsApi, type CredentialsConsoleApi } from './credentials-api';
import { createMonitoringApi, type NetworkMonitoringApi } from './monitoring-api';
import { createRegistriesApi, type RegistriesConsoleApi } from './registries-api';
import { toNetwork, toNetworkDetail, toOrganisation, toPage } from './sdk-models';
import { createTransactionsApi, type TransactionsConsoleApi } from './transactions-api';

export interface PageQuery {
  limit: number;
  offset: number;
  name?: string;
}

export type RegistrationOutcome =
  { kind: 'registered'; organisation: Organisation } | { kind: 'pending'; operationId: string };

export interface ConsoleApi {
  listOrganisations(query: PageQuery): Promise<Page<Organisation>>;
  getOrganisation(id: string): Promise<Organisation>;
  registerOrganisation(
    body: RegisterOrganisation,
    idempotencyKey: string,
  ): Promise<RegistrationOutcome>;
  listNetworks(query: PageQuery): Promise<Page<Network>>;
  getNetwork(id: string): Promise<NetworkDetail>;
  /** Nodes and governance of a network. */
  consortium: ConsortiumApi;
  /** The caller organisation's master account on a network. */
  masterAccounts: MasterAccountApi;
  /** The caller organisation's transactions on a network, speed-up and cancellation. */
  transactions: TransactionsConsoleApi;
  /** Node health and alerts of a network. */
  monitoring: NetworkMonitoringApi;
  /** Blocks, transactions and events of a network's chain. */
  explorer: ExplorerConsoleApi;
  /** DIDs of the caller organisation, issuing and verifying credentials. */
  credentials: CredentialsConsoleApi;
  /** The network's trust registries: issuers, schemas, DIDs (read-only). */
  registries: RegistriesConsoleApi;
}

/** The SDK throws ResponseError (with the Response) for HTTP errors, FetchError otherwise. */
async function toRequestError(error: unknown): Promise<ApiRequestError> {
  const response = (error as { response?: unknown }).response;
  if (!(response instanceof Response)) return new ApiRequestError(unreachableProblem(error));
  const body: unknown = await response.json().catch(() => undefined);
  return new ApiRequestError(toApiProblem(response.status, body));
}

async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw await toRequestError(error);
  }
}

/** `apiBaseUrl` is where the SDK's paths (`/api/v1/...`) are appended: the gateway's origin. */
export function createConsoleApi(
  apiBaseUrl: string,
  accessToken: () => Promise<string>,
): ConsoleApi {
  const configuration = new Configuration({ basePath: apiBaseUrl, accessToken });
  const organisations = new OrganisationsApi(configuration);
  const networks = new NetworksApi(configuration);

  return {
    listOrganisations: (query) =>
      call(async () => toPage(await organisations.listOrganisations(query), toOrganisation)),
    getOrganisation: (id) =>
      call(async () => toOrganisation(await organisations.getOrganisation({ id }))),
    registerOrganisation: (body, idempotencyKey) =>
      call(async () => {
        const response = await organisations.registerOrganisationRaw({
          registerOrganisation: body,
          idempotencyKey,
        });
        // 202: accepted but not finished; the SDK would parse the body as an Organisation.
        if (response.raw.status === 202) {
          const accepted = (await response.raw.json()) as { operationId: string };
          return { kind: 'pending', operationId: accepted.operationId };
        }
        return { kind: 'registered', organisation: toOrganisation(await response.value()) };
      }),
    listNetworks: (query) =>
      call(async () => toPage(await networks.listNetworks(query), toNetwork)),
    getNetwork: (id) =>
      call(async () => {
        return toNetworkDetail(await networks.getNetwork({ id }));
      }),
    consortium: createConsortiumApi(configuration, call),
    masterAccounts: createMasterAccountApi(configuration, call),
    transactions: createTransactionsApi(configuration, call),
    monitoring: createMonitoringApi(configuration, call),
    explorer: createExplorerApi(configuration, call),
    credentials: createCredentialsApi(configuration, call),
    registries: createRegistriesApi(configuration, call),
  };
}
