/**
 * A 403 answered to an auditor means no active auditor grant covers what the page reads: the
 * console says so in those words, with what to do, instead of the API's generic "forbidden".
 */
import { isGrantRestricted, type Role } from '@strata/contracts';
import type { ApiProblem } from '../api/api-problem';

export const NO_AUDITOR_GRANT_TITLE = 'No active auditor grant';

const GUIDANCE =
  'Auditors read an organisation or network only while an auditor grant covers it. ' +
  'Ask a platform administrator to grant you access (grants are time-boxed).';

/** The problem as a grant-restricted auditor should read it; other problems unchanged. */
export function explainForAuditor(problem: ApiProblem, roles: readonly Role[]): ApiProblem {
  if (problem.status !== 403 || !isGrantRestricted({ roles: [...roles] })) return problem;
  return {
    ...problem,
    title: NO_AUDITOR_GRANT_TITLE,
    detail: problem.detail ? `${problem.detail} ${GUIDANCE}` : GUIDANCE,
  };
}
