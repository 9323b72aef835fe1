/**
 * JSON bodies only, at most 64 kB, parsed before Nest sees the request. Body-parser errors
 * (too large, malformed) and non-JSON bodies are answered here as problem+json.
 */
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { gatewayProblem } from '../problems/catalog';
import { writeProblem } from '../problems/problem-writer';

export const JSON_BODY_LIMIT = '64kb';
const JSON_TYPES = ['application/json', 'application/*+json'];

export const jsonBodyParser: RequestHandler = express.json({
  limit: JSON_BODY_LIMIT,
  type: JSON_TYPES,
  strict: true,
});

function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** 415 for a body that is not JSON (the parser skips other types, so it would be silently lost). */
export const requireJsonBody: RequestHandler = (req, res, next) => {
  if (!hasBody(req.headers) || req.is(JSON_TYPES)) return next();
  writeProblem(
    req,
    res,
    gatewayProblem('unsupported-media-type', { detail: 'send the body as application/json' }),
  );
};

interface BodyParserError {
  type?: unknown;
  status?: unknown;
}

export const bodyParserErrors: ErrorRequestHandler = (error: BodyParserError, req, res, next) => {
  switch (error.type) {
    case 'entity.too.large':
      return writeProblem(
        req,
        res,
        gatewayProblem('payload-too-large', { detail: `the limit is ${JSON_BODY_LIMIT}` }),
      );
    case 'entity.parse.failed':
      return writeProblem(req, res, gatewayProblem('malformed-json'));
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return writeProblem(req, res, gatewayProblem('unsupported-media-type'));
    default:
      if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
        return writeProblem(
          req,
          res,
          gatewayProblem('validation-failed', { detail: 'the request body could not be read' }),
        );
      }
      next(error);
  }
};
