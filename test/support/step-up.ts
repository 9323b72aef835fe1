/**
 * Keycloak's step-up authentication for the e2e tests, set up through the admin REST API on a
 * client of its own (the realm's default browser flow, used by every other test, stays as it is):
 * a browser flow with "Condition - Level of Authentication" (level 1 = username and password,
 * level 2 = plus a TOTP code), bound to a public client whose ACR-to-LoA mapping names the eIDAS
 * LoA URIs; and an authorization-code login (PKCE) in Chromium that answers the OTP form with a
 * code computed from the user's TOTP secret.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { adminFetch, bootstrapAdminToken, KEYCLOAK_ISSUER } from '@strata/testing';
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { generateSync } from '@otplib/totp';
import type { Browser } from 'playwright-core';
import { withScreenshotOnFailure } from './browser';

export const EIDAS_LOA = {
  low: 'http://eidas.europa.eu/LoA/low',
  substantial: 'http://eidas.europa.eu/LoA/substantial',
  high: 'http://eidas.europa.eu/LoA/high',
} as const;

export interface StepUpClient {
  clientId: string;
  redirectUri: string;
}

interface Execution {
  id: string;
  displayName: string;
  providerId?: string;
  requirement: string;
}

const path = (alias: string) => `/authentication/flows/${encodeURIComponent(alias)}`;

async function post(token: string, url: string, body: unknown): Promise<Response> {
  return adminFetch(token, url, { method: 'POST', body: JSON.stringify(body) });
}

/** Creates the step-up browser flow (levels 1 and 2) and returns its id. */
async function createStepUpFlow(token: string, alias: string): Promise<string> {
  const forms = `${alias} forms`;
  const levels = [
    { level: 1, alias: `${alias} level 1`, authenticator: 'auth-username-password-form' },
    { level: 2, alias: `${alias} level 2`, authenticator: 'auth-otp-form' },
  ];
  await post(token, '/authentication/flows', {
    alias,
    description: 'Step-up: level 1 password, level 2 password + TOTP',
    providerId: 'basic-flow',
    topLevel: true,
    builtIn: false,
  });
  await post(token, `${path(alias)}/executions/execution`, { provider: 'auth-cookie' });
  await post(token, `${path(alias)}/executions/flow`, { alias: forms, type: 'basic-flow' });
  for (const level of levels) {
    await post(token, `${path(forms)}/executions/flow`, { alias: level.alias, type: 'basic-flow' });
    await post(token, `${path(level.alias)}/executions/execution`, {
      provider: 'conditional-level-of-authentication',
    });
    await post(token, `${path(level.alias)}/executions/execution`, {
      provider: level.authenticator,
    });
  }
  const requirements: Record<string, string> = {
    'auth-cookie': 'ALTERNATIVE',
    [forms]: 'ALTERNATIVE',
    ...Object.fromEntries(levels.map((level) => [level.alias, 'CONDITIONAL'])),
  };
  const executions = (await (
    await adminFetch(token, `${path(alias)}/executions`)
  ).json()) as Execution[];
  let level = 0;
  for (const execution of executions) {
    const requirement =
      requirements[execution.providerId ?? ''] ?? requirements[execution.displayName];
    await adminFetch(token, `${path(alias)}/executions`, {
      method: 'PUT',
      body: JSON.stringify({ ...execution, requirement: requirement ?? 'REQUIRED' }),
    });
    if (execution.providerId === 'conditional-level-of-authentication') {
      level += 1;
      await post(token, `/authentication/executions/${execution.id}/config`, {
        alias: `${alias} loa ${level}`,
        config: { 'loa-condition-level': String(level), 'loa-max-age': '36000' },
      });
    }
  }
  const flows = (await (await adminFetch(token, '/authentication/flows')).json()) as {
    id: string;
    alias: string;
  }[];
  const flow = flows.find((candidate) => candidate.alias === alias);
  if (!flow) throw new Error(`Keycloak did not list the flow ${alias}`);
  return flow.id;
}

/**
 * A public client (PKCE) whose browser logins go through the step-up flow, with the console
 * client's token mappers (audience strata-gateway, organisation_id) and the eIDAS ACR-to-LoA map.
 */
export async function createStepUpClient(redirectUri: string): Promise<StepUpClient> {
  const token = await bootstrapAdminToken();
  const clientId = `step-up-${randomUUID().slice(0, 8)}`;
  const flowId = await createStepUpFlow(token, clientId);
  await post(token, '/clients', {
    clientId,
    publicClient: true,
    standardFlowEnabled: true,
    directAccessGrantsEnabled: false,
    redirectUris: [redirectUri],
    attributes: {
      'pkce.code.challenge.method': 'S256',
      'acr.loa.map': JSON.stringify({
        [EIDAS_LOA.low]: 1,
        [EIDAS_LOA.substantial]: 2,
        [EIDAS_LOA.high]: 3,
      }),
    },
    authenticationFlowBindingOverrides: { browser: flowId },
    protocolMappers: [
      {
        name: 'audience strata-gateway',
        protocol: 'openid-connect',
        protocolMapper: 'oidc-audience-mapper',
        config: { 'included.client.audience': 'strata-gateway', 'access.token.claim': 'true' },
      },
      {
        name: 'organisation_id',
        protocol: 'openid-connect',
        protocolMapper: 'oidc-usermodel-attribute-mapper',
        config: {
          'user.attribute': 'organisation_id',
          'claim.name': 'organisation_id',
          'jsonType.label': 'String',
          'access.token.claim': 'true',
        },
      },
    ],
  });
  return { clientId, redirectUri };
}

/** Removes the client and its flow (the shared realm is not re-imported between runs). */
export async function deleteStepUpClient(client: StepUpClient): Promise<void> {
  const token = await bootstrapAdminToken();
  const clients = (await (
    await adminFetch(token, `/clients?clientId=${encodeURIComponent(client.clientId)}`)
  ).json()) as { id: string }[];
  for (const { id } of clients) await adminFetch(token, `/clients/${id}`, { method: 'DELETE' });
  const flows = (await (await adminFetch(token, '/authentication/flows')).json()) as {
    id: string;
    alias: string;
  }[];
  const flow = flows.find((candidate) => candidate.alias === client.clientId);
  if (flow) await adminFetch(token, `/authentication/flows/${flow.id}`, { method: 'DELETE' });
}

/** The current 6-digit code of a Keycloak TOTP secret (its characters' bytes are the key). */
export function totpCode(secret: string): string {
  return generateSync({
    secret: new Uint8Array(Buffer.from(secret, 'utf8')),
    crypto: new NodeCryptoPlugin(),
  });
}

export interface StepUpLogin {
  username: string;
  password: string;
  /** The ACR asked for with `acr_values`; none = Keycloak's lowest level (password only). */
  acr?: string;
  /** Answers Keycloak's OTP form when it shows one. */
  totpSecret?: string;
}

/**
 * Logs in through Keycloak's own pages in a fresh browser context (no SSO cookie) with the
 * authorization-code flow and PKCE, and exchanges the code for an access token.
 */
export async function browserLogin(
  browser: Browser,
  client: StepUpClient,
  login: StepUpLogin,
): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const verifier = randomBytes(32).toString('base64url');
  let code: string | null = null;
  await page.route(`${client.redirectUri}**`, async (route) => {
    code = new URL(route.request().url()).searchParams.get('code');
    await route.fulfill({ contentType: 'text/plain', body: 'signed in' });
  });
  const query = new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    response_type: 'code',
    scope: 'openid',
    state: randomUUID(),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...(login.acr ? { acr_values: login.acr } : {}),
  });
  try {
    await withScreenshotOnFailure(page, `step-up-${login.username}`, async () => {
      await page.goto(`${KEYCLOAK_ISSUER}/protocol/openid-connect/auth?${query}`);
      await page.fill('#username', login.username);
      await page.fill('#password', login.password);
      await page.click('#kc-login');
      if (login.totpSecret) {
        await page.waitForSelector('#otp');
        await page.fill('#otp', totpCode(login.totpSecret));
        await page.click('#kc-login');
      }
      await page.waitForURL(`${client.redirectUri}**`);
      // The route above answers the redirect when it sees it; where the browser reached the
      // redirect URI without it (a redirect chain the route did not get: on a fresh Keycloak the
      // console client's callback on the e2e gateway was loaded from the network), the URL
      // still carries the code.
      code ??= new URL(page.url()).searchParams.get('code');
    });
  } finally {
    await context.close();
  }
  if (!code) throw new Error('Keycloak did not redirect back with a code');
  const response = await fetch(`${KEYCLOAK_ISSUER}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: client.clientId,
      redirect_uri: client.redirectUri,
      code,
      code_verifier: verifier,
    }),
  });
  if (!response.ok)
    throw new Error(`code exchange failed (${response.status}): ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}
