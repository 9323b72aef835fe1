/**
 * The OIDC client of the console: authorization code flow with PKCE (oidc-client-ts default)
 * against the issuer named in the runtime config. Tokens live in sessionStorage, so closing
 * the tab signs out of the console (not of Keycloak).
 */
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { ConsoleConfig } from '../config/console-config';

export const SIGN_IN_CALLBACK_PATH = '/auth/callback';

/** What the console remembers across the redirect to Keycloak and back. */
export interface SignInState {
  returnTo: string;
}

export function createUserManager(config: ConsoleConfig, origin: string): UserManager {
  return new UserManager({
    authority: config.oidcAuthority,
    client_id: config.oidcClientId,
    redirect_uri: `${origin}${SIGN_IN_CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}/`,
    response_type: 'code',
    scope: 'openid profile',
    // Keycloak issues refresh tokens to public clients, so renewal needs no hidden iframe.
    automaticSilentRenew: true,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}

export function isSignInState(value: unknown): value is SignInState {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { returnTo?: unknown }).returnTo === 'string'
  );
}
