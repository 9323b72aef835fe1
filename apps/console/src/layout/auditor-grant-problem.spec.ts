import type { ApiProblem } from '../api/api-problem';
import { explainForAuditor, NO_AUDITOR_GRANT_TITLE } from './auditor-grant-problem';

const forbidden: ApiProblem = {
  status: 403,
  title: 'You are not allowed to do this',
  detail: 'You have no active auditor grant.',
  errors: [],
};

describe('explainForAuditor', () => {
  it('names the missing auditor grant and what to do for a 403 answered to an auditor', () => {
    const explained = explainForAuditor(forbidden, ['auditor']);
    expect(explained.title).toBe(NO_AUDITOR_GRANT_TITLE);
    expect(explained.detail).toContain('You have no active auditor grant.');
    expect(explained.detail).toContain('Ask a platform administrator');
    expect(explained.status).toBe(403);
  });

  it('explains a 403 without detail too', () => {
    const explained = explainForAuditor({ ...forbidden, detail: undefined }, ['auditor']);
    expect(explained.detail).toMatch(/^Auditors read/);
  });

  it('leaves other statuses and callers the grants do not restrict untouched', () => {
    expect(explainForAuditor({ ...forbidden, status: 404 }, ['auditor'])).toEqual({
      ...forbidden,
      status: 404,
    });
    expect(explainForAuditor(forbidden, ['institution-admin'])).toBe(forbidden);
    expect(explainForAuditor(forbidden, ['auditor', 'platform-admin'])).toBe(forbidden);
  });
});
