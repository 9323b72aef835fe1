/**
 * A failed API call shown on a page, with the problem's title and detail (a 403 answered to an
 * auditor is worded as the missing auditor grant it is).
 */
import { useContext } from 'react';
import type { ApiProblem } from '../api/api-problem';
import { AuthContext } from '../auth/auth-context';
import { explainForAuditor } from './auditor-grant-problem';

export function ProblemAlert(props: { problem: ApiProblem | undefined }) {
  // Also shown before sign-in (no session yet): then nothing is reworded.
  const session = useContext(AuthContext);
  if (!props.problem) return null;
  const { title, detail } = explainForAuditor(props.problem, session?.user.roles ?? []);
  return (
    <div className="alert alert-error" role="alert">
      <strong>{title}</strong>
      {detail && <p>{detail}</p>}
    </div>
  );
}
