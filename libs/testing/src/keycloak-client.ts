/**
 * Keycloak for tests: tokens by password and client-credentials grants, users created through the
 * admin REST API (as the master realm's bootstrap admin), and the realm's local-only constants.
 */
import {
  KEYCLOAK_ISSUER,
  KEYCLOAK_REALM,
  KEYCLOAK_URL,
  bootstrapAdminToken,
} from './stack/keycloak';

/** Local-only credentials from infra/local/keycloak/strata-realm.json. */
export const LOCAL_REALM = {
  issuer: KEYCLOAK_ISSUER,
  gatewayClient: { clientId: 'strata-gateway', secret: 'strata-gateway-local-secret' },
  automationClient: { clientId: 'strata-automation', secret: 'strata-automation-local-secret' },
  consoleClientId: 'strata-console',
  demoPassword: 'strata',
  /** The demo `notary`'s TOTP secret (authenticator-app key: its bytes in base32). */
  demoTotpSecret: 'strata-demo-totp-secret',
  demoOrganisationId: '00000000-0000-4000-8000-000000000001',
  demoUsers: [
    { username: 'admin', role: 'platform-admin' },
    { username: 'auditor', role: 'auditor' },
    { username: 'institution', role: 'institution-admin' },
    { username: 'operator', role: 'operator' },
    { username: 'vendor', role: 'vendor' },
    { username: 'notary', role: 'institution-admin' },
  ],
} as const;

export interface AccessTokenClaims {
  iss: string;
  sub?: string;
  aud?: string | string[];
  azp?: string;
  exp: number;
  preferred_username?: string;
  organisation_id?: string;
  realm_access?: { roles: string[] };
  [claim: string]: unknown;
}

export interface IssuedToken {
  accessToken: string;
  claims: AccessTokenClaims;
}

/** Reads a JWT's payload without verifying it (tests inspect tokens Keycloak just issued). */
export function decodeTokenClaims(token: string): AccessTokenClaims {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as AccessTokenClaims;
}

async function requestToken(form: Record<string, string>): Promise<IssuedToken> {
  const response = await fetch(`${KEYCLOAK_ISSUER}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams(form),
  });
  if (!response.ok) {
    throw new Error(`token request failed (${response.status}): ${await response.text()}`);
  }
  const { access_token } = (await response.json()) as { access_token: string };
  return { accessToken: access_token, claims: decodeTokenClaims(access_token) };
}

/** Password grant through the strata-gateway client (direct access grants are on locally). */
export function passwordToken(
  username: string,
  password: string = LOCAL_REALM.demoPassword,
  client: { clientId: string; secret: string } = LOCAL_REALM.gatewayClient,
): Promise<IssuedToken> {
  return requestToken({
    grant_type: 'password',
    client_id: client.clientId,
    client_secret: client.secret,
    username,
    password,
  });
}

export function clientCredentialsToken(clientId: string, secret: string): Promise<IssuedToken> {
  return requestToken({
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: secret,
  });
}

export interface NewUser {
  username: string;
  password: string;
  roles: string[];
  organisationId?: string;
  /**
   * A TOTP (OTP) credential with this secret (Keycloak keeps the secret's characters; an
   * authenticator app gets their bytes in base32): 6 digits, 30 s, HMAC-SHA1.
   */
  totpSecret?: string;
}

function otpCredential(secret: string) {
  return {
    type: 'otp',
    userLabel: 'test authenticator',
    secretData: JSON.stringify({ value: secret }),
    credentialData: JSON.stringify({
      subType: 'totp',
      digits: 6,
      counter: 0,
      period: 30,
      algorithm: 'HmacSHA1',
    }),
  };
}

interface RoleRepresentation {
  id: string;
  name: string;
}

const adminBase = `${KEYCLOAK_URL}/admin/realms/${KEYCLOAK_REALM}`;

/** A call to the strata realm's admin REST API; throws on a non-2xx answer. */
export async function adminFetch(
  token: string,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  const response = await fetch(`${adminBase}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
  if (!response.ok) {
    throw new Error(
      `${init.method ?? 'GET'} ${path} failed (${response.status}): ${await response.text()}`,
    );
  }
  return response;
}

/** Creates an enabled user with a permanent password (and TOTP), realm roles. Returns its id. */
export async function createUser(user: NewUser): Promise<{ id: string }> {
  const token = await bootstrapAdminToken();
  const created = await adminFetch(token, '/users', {
    method: 'POST',
    body: JSON.stringify({
      username: user.username,
      enabled: true,
      email: `${user.username}@strata.test`,
      emailVerified: true,
      firstName: user.username,
      lastName: 'Test',
      attributes: user.organisationId ? { organisation_id: [user.organisationId] } : {},
      credentials: [
        { type: 'password', value: user.password, temporary: false },
        ...(user.totpSecret ? [otpCredential(user.totpSecret)] : []),
      ],
    }),
  });
  const id = created.headers.get('location')?.split('/').pop();
  if (!id) throw new Error('Keycloak did not return the new user id');
  const roles = await Promise.all(
    user.roles.map(
      async (role) =>
        (await (
          await adminFetch(token, `/roles/${encodeURIComponent(role)}`)
        ).json()) as RoleRepresentation,
    ),
  );
  await adminFetch(token, `/users/${id}/role-mappings/realm`, {
    method: 'POST',
    body: JSON.stringify(roles),
  });
  return { id };
}

export async function deleteUser(id: string): Promise<void> {
  await adminFetch(await bootstrapAdminToken(), `/users/${id}`, { method: 'DELETE' });
}
