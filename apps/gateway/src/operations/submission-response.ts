/** Turns a submitted operation into the HTTP answer: 201 + Location, its problem, or 202 pending. */
import type { Response } from 'express';
import type { Operation } from '../idempotency/operation';
import { ProblemException } from '../problems/problem';

export function operationLocation(id: string): string {
  return `/api/v1/operations/${id}`;
}

export function respondToSubmission(operation: Operation, res: Response): unknown {
  const outcome = operation.outcome;
  res.setHeader('X-Operation-Id', operation.id);
  if (outcome?.kind === 'problem') {
    throw new ProblemException({
      ...ProblemException.fromBus(outcome.problem).problem,
      extensions: { operationId: operation.id },
    });
  }
  if (outcome?.kind === 'resource') {
    res.status(outcome.status);
    if (outcome.location) res.location(outcome.location);
    return outcome.body;
  }
  res.status(202).location(operationLocation(operation.id));
  return { operationId: operation.id, status: 'pending' };
}
