/**
 * The Strata API as a client sees it in the e2e run: the generated SDK pointed at the run's
 * gateway with a real Keycloak token, plus raw HTTP for inputs the SDK would refuse to send.
 */
import { randomUUID } from 'node:crypto';
import {
  Configuration,
  NetworksApi,
  OperationsApi,
  OrganisationsApi,
  ResponseError,
} from '@strata/sdk';
import { clientCredentialsToken, LOCAL_REALM, passwordToken, runningApp } from '@strata/testing';

export interface Api {
  organisations: OrganisationsApi;
  networks: NetworksApi;
  operations: OperationsApi;
  token: string;
  baseUrl: string;
}

export function gatewayUrl(): string {
  return runningApp('gateway').url;
}

export function apiWith(token: string): Api {
  const baseUrl = gatewayUrl();
  const configuration = new Configuration({ basePath: baseUrl, accessToken: async () => token });
  return {
    organisations: new OrganisationsApi(configuration),
    networks: new NetworksApi(configuration),
    operations: new OperationsApi(configuration),
    token,
    baseUrl,
  };
}

export async function apiAs(username: string, password = 'strata'): Promise<Api> {
  return apiWith((await passwordToken(username, password)).accessToken);
}

/** A machine client (client-credentials grant) holding platform-admin. */
export async function automationApi(): Promise<Api> {
  const client = LOCAL_REALM.automationClient;
  return apiWith((await clientCredentialsToken(client.clientId, client.secret)).accessToken);
}

export interface RawResponse {
  status: number;
  contentType: string | null;
  body: Record<string, unknown>;
  headers: Headers;
}

/** Sends exactly what it is given (no SDK validation), for bad-input and error-shape tests. */
export async function raw(
  api: Pick<Api, 'baseUrl' | 'token'>,
  method: string,
  path: string,
  body?: string | object,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const response = await fetch(`${api.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${api.token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { text };
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: parsed,
    headers: response.headers,
  };
}

/** The status and problem document of a failed SDK call. */
export async function problemOf(
  call: Promise<unknown>,
): Promise<{ status: number; problem: Record<string, unknown>; contentType: string | null }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ResponseError) {
      return {
        status: error.response.status,
        contentType: error.response.headers.get('content-type'),
        problem: (await error.response.json()) as Record<string, unknown>,
      };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

export function uniqueName(prefix: string): string {
  return `${prefix} ${randomUUID().slice(0, 8)}`;
}
