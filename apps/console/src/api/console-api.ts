/**
 * The only place the console talks to the Strata API, through the generated SDK (`@strata/sdk`).
 * It turns SDK models into the contract types the pages use (ISO date strings, plain objects)
 * and every failure into an ApiRequestError carrying the problem+json.
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

export interface OrganisationQuery {
  limit: number;
  offset: number;
  name?: string;
}

export type NetworkQuery = OrganisationQuery;

export type RegistrationOutcome =
  { kind: 'registered'; organisation: Organisation } | { kind: 'pending'; operationId: string };

export interface ConsoleApi {
  listOrganisations(query: OrganisationQuery): Promise<Page<Organisation>>;
  getOrganisation(id: string): Promise<Organisation>;
  registerOrganisation(
    body: RegisterOrganisation,
    idempotencyKey: string,
  ): Promise<RegistrationOutcome>;
  listNetworks(query: NetworkQuery): Promise<Page<Network>>;
  getNetwork(id: string): Promise<NetworkDetail>;
}

type Dated<T> = Omit<T, 'createdAt'> & { createdAt: Date | string };

function isoDate(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : value;
}

function toOrganisation(model: Dated<Organisation>): Organisation {
  return {
    ...model,
    legalIdentifier: model.legalIdentifier ?? null,
    createdAt: isoDate(model.createdAt),
  };
}

function toNetwork(model: Dated<Network>): Network {
  return {
    id: model.id,
    name: model.name,
    description: model.description ?? null,
    memberOrganisationIds: model.memberOrganisationIds,
    rpcUrl: model.rpcUrl,
    createdAt: isoDate(model.createdAt),
  };
}

function toPage<M, T>(
  page: { items: M[]; total: number; limit: number; offset: number },
  map: (m: M) => T,
): Page<T> {
  return { items: page.items.map(map), total: page.total, limit: page.limit, offset: page.offset };
}

/** Failures of the SDK (ResponseError carries the Response) become ApiRequestErrors. */
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
        // 202: the platform accepted the registration but has not finished it yet.
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
        const detail = await networks.getNetwork({ id });
        return { ...toNetwork(detail), chain: detail.chain };
      }),
  };
}
