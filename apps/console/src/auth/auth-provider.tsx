/**
 * Keeps the console's OIDC session: completes the redirect back from Keycloak, restores a
 * stored session, renews tokens silently and sends people back to Keycloak when renewal fails.
 * Children render only once someone is signed in; before that the sign-in page shows.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { User, UserManager } from 'oidc-client-ts';
import { AuthContext, type AuthSession } from './auth-context';
import { SignInPage } from './sign-in-page';
import { toSignedInUser } from './signed-in-user';
import { SIGN_IN_CALLBACK_PATH, isSignInState, type SignInState } from './user-manager';

type SessionStatus =
  | { kind: 'restoring' }
  | { kind: 'signed-out'; reason?: string }
  | { kind: 'signed-in'; user: User };

/** The callback must be completed once even when React runs effects twice (StrictMode). */
let pendingCallback: Promise<User> | undefined;

async function restoreSession(userManager: UserManager): Promise<User | null> {
  if (window.location.pathname === SIGN_IN_CALLBACK_PATH) {
    pendingCallback ??= userManager.signinRedirectCallback();
    const user = await pendingCallback;
    const returnTo = isSignInState(user.state) ? user.state.returnTo : '/';
    window.history.replaceState(null, '', returnTo);
    return user;
  }
  const stored = await userManager.getUser();
  return stored && !stored.expired ? stored : null;
}

function currentLocation(): string {
  const { pathname, search } = window.location;
  return pathname === SIGN_IN_CALLBACK_PATH ? '/' : `${pathname}${search}`;
}

export function AuthProvider(props: { userManager: UserManager; children: ReactNode }) {
  const { userManager } = props;
  const [status, setStatus] = useState<SessionStatus>({ kind: 'restoring' });

  const signIn = useCallback(async () => {
    const state: SignInState = { returnTo: currentLocation() };
    await userManager.signinRedirect({ state });
  }, [userManager]);

  const signOut = useCallback(async () => {
    await userManager.signoutRedirect();
  }, [userManager]);

  useEffect(() => {
    restoreSession(userManager)
      .then((user) => setStatus(user ? { kind: 'signed-in', user } : { kind: 'signed-out' }))
      .catch((error: unknown) =>
        setStatus({ kind: 'signed-out', reason: `Sign-in failed: ${String(error)}` }),
      );
  }, [userManager]);

  useEffect(() => {
    const { events } = userManager;
    const onLoaded = (user: User) => setStatus({ kind: 'signed-in', user });
    const onSignedOut = () => setStatus({ kind: 'signed-out' });
    // Renewal failed or the token ran out: go back to Keycloak (often without a prompt,
    // when its SSO session is still alive) and return to the same page.
    const onSessionLost = () => void signIn();
    events.addUserLoaded(onLoaded);
    events.addUserUnloaded(onSignedOut);
    events.addSilentRenewError(onSessionLost);
    events.addAccessTokenExpired(onSessionLost);
    return () => {
      events.removeUserLoaded(onLoaded);
      events.removeUserUnloaded(onSignedOut);
      events.removeSilentRenewError(onSessionLost);
      events.removeAccessTokenExpired(onSessionLost);
    };
  }, [userManager, signIn]);

  const session = useMemo<AuthSession | null>(() => {
    if (status.kind !== 'signed-in') return null;
    return {
      user: toSignedInUser(status.user.profile, status.user.access_token),
      accessToken: async () => (await userManager.getUser())?.access_token ?? '',
      signIn,
      signOut,
    };
  }, [status, userManager, signIn, signOut]);

  if (status.kind === 'restoring') return <p className="page-status">Signing in…</p>;
  if (!session) {
    const reason = status.kind === 'signed-out' ? status.reason : undefined;
    return <SignInPage onSignIn={signIn} problem={reason} />;
  }
  return <AuthContext.Provider value={session}>{props.children}</AuthContext.Provider>;
}
