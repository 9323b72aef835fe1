import { listOrganisationsQuerySchema, registerOrganisationSchema } from '@strata/contracts';
import { ProblemException } from '../problems/problem';
import { ZodValidationPipe } from './zod-validation.pipe';

function problemOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProblemException) return error.problem;
    throw error;
  }
  throw new Error('expected a problem');
}

describe('ZodValidationPipe', () => {
  it('returns the parsed value with defaults applied', () => {
    const pipe = new ZodValidationPipe(registerOrganisationSchema, 'body');
    expect(pipe.transform({ name: ' Agency ', country: 'DE' })).toEqual({
      name: 'Agency',
      country: 'DE',
      kind: 'public-administration',
    });
  });

  it('coerces query strings and caps the page size at 100', () => {
    const pipe = new ZodValidationPipe(listOrganisationsQuerySchema, 'query');
    expect(pipe.transform({ limit: '100', offset: '5' })).toMatchObject({ limit: 100, offset: 5 });
    expect(problemOf(() => pipe.transform({ limit: '101' })).errors).toEqual([
      { path: 'query.limit', message: expect.any(String) },
    ]);
  });

  it('names every invalid field in a 400 problem', () => {
    const problem = problemOf(() =>
      new ZodValidationPipe(registerOrganisationSchema, 'body').transform({ name: 1, extra: true }),
    );
    expect(problem.status).toBe(400);
    expect(problem.code).toBe('validation-failed');
    expect(problem.errors?.map((e) => e.path).sort()).toEqual([
      'body',
      'body.country',
      'body.name',
    ]);
  });
});
