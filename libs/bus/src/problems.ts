/**
 * Domain problems travel as data on the bus. A handler throws `DomainProblem` for an expected
 * refusal (validation, conflict, not found); the bus turns it into a failed Reply.
 */
import type { BusProblem } from '@strata/contracts';
import type { z } from 'zod';

export class DomainProblem extends Error {
  constructor(readonly problem: BusProblem) {
    super(problem.detail ?? problem.title);
    this.name = 'DomainProblem';
  }

  static notFound(what: string, id: string): DomainProblem {
    return new DomainProblem({
      code: 'not-found',
      status: 404,
      title: `${what} not found`,
      detail: `No ${what.toLowerCase()} with id ${id}.`,
    });
  }

  static conflict(detail: string): DomainProblem {
    return new DomainProblem({ code: 'conflict', status: 409, title: 'Conflict', detail });
  }

  static forbidden(detail: string): DomainProblem {
    return new DomainProblem({ code: 'forbidden', status: 403, title: 'Forbidden', detail });
  }

  /** A 400 naming the fields at fault (`errors[].path`), with the detail a person reads. */
  static invalidFields(detail: string, errors: { path: string; message: string }[]): DomainProblem {
    return new DomainProblem({
      code: 'validation',
      status: 400,
      title: 'Invalid request',
      detail,
      errors,
    });
  }

  static invalid(error: z.ZodError): DomainProblem {
    return DomainProblem.invalidFields(
      'The request does not match the expected schema.',
      error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
}

export const INTERNAL_PROBLEM: BusProblem = {
  code: 'internal',
  status: 500,
  title: 'Internal error',
  detail: 'The request could not be processed; it was recorded for operators.',
};
