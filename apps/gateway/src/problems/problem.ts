/**
 * RFC 9457 problem details: the one error shape of the public API. `type` is a stable URN
 * derived from a machine code (`urn:strata:problem:<code>`), documented in docs/problems.md.
 */
import type { BusProblem } from '@strata/contracts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_PREFIX = 'urn:strata:problem:';

export interface FieldError {
  path: string;
  message: string;
}

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance: string;
  requestId: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** A problem before it is bound to a request (instance, requestId). */
export interface ProblemSpec {
  code: string;
  status: number;
  title: string;
  detail?: string;
  errors?: FieldError[];
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Thrown anywhere in the gateway; the problem filter renders it. */
export class ProblemException extends Error {
  constructor(readonly problem: ProblemSpec) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemException';
  }

  static fromBus(problem: BusProblem): ProblemException {
    return new ProblemException({
      code: problem.code,
      status: problem.status,
      title: problem.title,
      detail: problem.detail,
      errors: problem.errors,
    });
  }
}

export function problemType(code: string): string {
  return `${PROBLEM_TYPE_PREFIX}${code}`;
}

export function toProblemDocument(
  spec: ProblemSpec,
  request: { path: string; requestId: string },
): ProblemDocument {
  const document: ProblemDocument = {
    ...spec.extensions,
    type: problemType(spec.code),
    title: spec.title,
    status: spec.status,
    instance: request.path,
    requestId: request.requestId,
  };
  if (spec.detail !== undefined) document.detail = spec.detail;
  if (spec.errors !== undefined) document.errors = spec.errors;
  return document;
}
