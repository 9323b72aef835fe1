/** Writes a problem+json response; shared by the exception filter and the plain HTTP middleware. */
import type { Request, Response } from 'express';
import { requestIdOf } from '../http/request-id';
import { PROBLEM_CONTENT_TYPE, toProblemDocument, type ProblemSpec } from './problem';

export function writeProblem(req: Request, res: Response, spec: ProblemSpec): void {
  const document = toProblemDocument(spec, { path: req.path, requestId: requestIdOf(req) });
  for (const [name, value] of Object.entries(spec.headers ?? {})) res.setHeader(name, value);
  res.status(spec.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(document));
}
