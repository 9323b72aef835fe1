/**
 * Request ids: a caller's well-formed `X-Request-Id` is kept, anything else is replaced by a new
 * uuid. The id is echoed on every response, put in every log line and in every problem.
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const REQUEST_ID_HEADER = 'X-Request-Id';
const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/;

export function acceptRequestId(candidate: unknown): string {
  return typeof candidate === 'string' && WELL_FORMED.test(candidate) ? candidate : randomUUID();
}

type WithId = Request & { id?: unknown };

export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const id = acceptRequestId(req.headers['x-request-id']);
  (req as WithId).id = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  next();
}

export function requestIdOf(req: Request): string {
  const id = (req as WithId).id;
  return typeof id === 'string' ? id : 'unknown';
}
