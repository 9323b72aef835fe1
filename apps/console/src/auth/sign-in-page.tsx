/** Shown to people who are not signed in: one button that goes to the Keycloak login page. */
import { useState } from 'react';

export function SignInPage(props: { onSignIn: () => Promise<void>; problem?: string }) {
  const [redirecting, setRedirecting] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(props.problem);

  const signIn = () => {
    setRedirecting(true);
    props.onSignIn().catch((error: unknown) => {
      setRedirecting(false);
      setFailure(`The sign-in service could not be reached: ${String(error)}`);
    });
  };

  return (
    <main className="sign-in">
      <h1>Strata console</h1>
      <p>Manage the organisations and networks of your Strata platform.</p>
      {failure && (
        <p className="alert alert-error" role="alert">
          {failure}
        </p>
      )}
      <button type="button" className="button-primary" onClick={signIn} disabled={redirecting}>
        {redirecting ? 'Redirecting…' : 'Sign in'}
      </button>
    </main>
  );
}
