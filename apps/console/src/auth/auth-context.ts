/** The signed-in session as components see it, provided by AuthProvider. */
import { createContext, useContext } from 'react';
import type { SignedInUser } from './signed-in-user';

export interface AuthSession {
  user: SignedInUser;
  /** The current access token; renewed in the background. */
  accessToken: () => Promise<string>;
  /** Sends the browser to Keycloak and back to the current page. */
  signIn: () => Promise<void>;
  signOut: () => Promise<void>;
}

export const AuthContext = createContext<AuthSession | null>(null);

export function useAuth(): AuthSession {
  const session = useContext(AuthContext);
  if (!session) throw new Error('useAuth is used outside a signed-in AuthProvider');
  return session;
}
