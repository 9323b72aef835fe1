/** A failed API call shown on a page, with the problem's title and detail. */
import type { ApiProblem } from '../api/api-problem';

export function ProblemAlert(props: { problem: ApiProblem | undefined }) {
  if (!props.problem) return null;
  const { title, detail } = props.problem;
  return (
    <div className="alert alert-error" role="alert">
      <strong>{title}</strong>
      {detail && <p>{detail}</p>}
    </div>
  );
}
