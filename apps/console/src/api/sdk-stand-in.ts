/**
 * Stand-in for `@strata/sdk` while libs/sdk/src/generated does not exist yet: the subset of
 * the typescript-fetch client the console uses, with the same names and call shapes, so that
 * console-api.ts compiles unchanged against the real SDK. tsconfig paths and the Vite alias
 * pick it only when libs/sdk/src/index.ts is missing. Delete it once the SDK is generated.
 */
import type {
  Network,
  NetworkDetail,
  Organisation,
  Page,
  RegisterOrganisation,
} from '@strata/contracts';

type AccessToken = (name?: string, scopes?: string[]) => string | Promise<string>;

export class Configuration {
  constructor(readonly params: { basePath: string; accessToken?: AccessToken }) {}
}

export class ResponseError extends Error {
  override name = 'ResponseError';
  constructor(readonly response: Response) {
    super('Response returned an error code');
  }
}

export class ApiResponse<T> {
  constructor(readonly raw: Response) {}
  value(): Promise<T> {
    return this.raw.json() as Promise<T>;
  }
}

type Query = Record<string, string | number | undefined>;

class BaseAPI {
  constructor(private readonly configuration: Configuration) {}

  protected async request(
    method: string,
    path: string,
    query: Query,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) search.set(key, String(value));
    }
    const token = await this.configuration.params.accessToken?.('bearer', []);
    const response = await fetch(
      `${this.configuration.params.basePath}${path}?${search.toString()}`,
      {
        method,
        headers: {
          accept: 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
    );
    if (response.status >= 400) throw new ResponseError(response);
    return response;
  }
}

export class OrganisationsApi extends BaseAPI {
  async listOrganisations(query: {
    limit?: number;
    offset?: number;
    name?: string;
  }): Promise<Page<Organisation>> {
    return (await this.request('GET', '/organisations', query)).json() as Promise<
      Page<Organisation>
    >;
  }
  async getOrganisation(params: { id: string }): Promise<Organisation> {
    return (
      await this.request('GET', `/organisations/${encodeURIComponent(params.id)}`, {})
    ).json() as Promise<Organisation>;
  }
  async registerOrganisationRaw(params: {
    registerOrganisation: RegisterOrganisation;
    idempotencyKey?: string;
  }): Promise<ApiResponse<Organisation>> {
    const headers: Record<string, string> = params.idempotencyKey
      ? { 'idempotency-key': params.idempotencyKey }
      : {};
    return new ApiResponse(
      await this.request('POST', '/organisations', {}, params.registerOrganisation, headers),
    );
  }
}

export class NetworksApi extends BaseAPI {
  async listNetworks(query: {
    limit?: number;
    offset?: number;
    name?: string;
  }): Promise<Page<Network>> {
    return (await this.request('GET', '/networks', query)).json() as Promise<Page<Network>>;
  }
  async getNetwork(params: { id: string }): Promise<NetworkDetail> {
    return (
      await this.request('GET', `/networks/${encodeURIComponent(params.id)}`, {})
    ).json() as Promise<NetworkDetail>;
  }
}
