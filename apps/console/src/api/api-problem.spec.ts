import { fieldOfPath, formProblemFrom, toApiProblem } from './api-problem';

const FIELDS = ['name', 'country', 'kind', 'legalIdentifier'] as const;

describe('problem+json to form errors', () => {
  it('puts each validation error on its field and keeps the first message per field', () => {
    const problem = toApiProblem(400, {
      type: 'https://strata.dev/problems/validation',
      title: 'Invalid request',
      detail: 'The request body is invalid',
      errors: [
        { path: 'name', message: 'Too short' },
        { path: 'country', message: 'must be an ISO 3166-1 alpha-2 code such as "DE"' },
        { path: 'name', message: 'second message' },
      ],
    });
    expect(formProblemFrom(problem, FIELDS)).toEqual({
      fields: { name: 'Too short', country: 'must be an ISO 3166-1 alpha-2 code such as "DE"' },
      general: [],
    });
  });

  it('shows title and detail when the problem names no field', () => {
    const problem = toApiProblem(409, {
      title: 'Conflict',
      detail: 'An organisation with this legal identifier exists',
    });
    expect(formProblemFrom(problem, FIELDS)).toEqual({
      fields: {},
      general: ['Conflict: An organisation with this legal identifier exists'],
    });
  });

  it('keeps errors on unknown paths as general messages, after the title', () => {
    const problem = toApiProblem(400, {
      title: 'Invalid request',
      errors: [{ path: 'extra', message: 'Unrecognized key' }],
    });
    expect(formProblemFrom(problem, FIELDS).general).toEqual([
      'Invalid request',
      'extra: Unrecognized key',
    ]);
  });

  it('survives a body that is not problem+json', () => {
    expect(toApiProblem(502, 'Bad gateway')).toEqual({
      status: 502,
      title: 'The API answered with HTTP 502',
      detail: undefined,
      errors: [],
    });
  });

  it.each([
    ['name', 'name'],
    ['/name', 'name'],
    ['body.name', 'name'],
    ['$.legalIdentifier', 'legalIdentifier'],
    ['memberOrganisationIds[0]', 'memberOrganisationIds'],
    ['', ''],
  ])('reads the field of path %j as %j', (path, field) => {
    expect(fieldOfPath(path)).toBe(field);
  });
});
