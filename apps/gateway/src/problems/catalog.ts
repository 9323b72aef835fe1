/**
 * The gateway's own problem codes and the HTTP status each one carries. Codes from other apps
 * travel in `BusProblem`s and keep their code; docs/problems.md lists both.
 */
import type { ProblemSpec } from './problem';

type Entry = { status: number; title: string };

export const GATEWAY_PROBLEMS = {
  'validation-failed': { status: 400, title: 'The request is not valid' },
  'malformed-json': { status: 400, title: 'The request body is not valid JSON' },
  unauthorized: { status: 401, title: 'Authentication is required' },
  forbidden: { status: 403, title: 'You are not allowed to do this' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'idempotency-key-reused': {
    status: 422,
    title: 'The Idempotency-Key was already used with a different request',
  },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  'internal-error': { status: 500, title: 'Internal error' },
  'bad-upstream-reply': { status: 502, title: 'A platform service gave an unexpected answer' },
  'service-unavailable': { status: 503, title: 'A platform service is unavailable' },
  'upstream-timeout': { status: 504, title: 'A platform service did not answer in time' },
} as const satisfies Record<string, Entry>;

export type GatewayProblemCode = keyof typeof GATEWAY_PROBLEMS;

export function gatewayProblem(
  code: GatewayProblemCode,
  extra: Omit<ProblemSpec, 'code' | 'status' | 'title'> = {},
): ProblemSpec {
  return { code, ...GATEWAY_PROBLEMS[code], ...extra };
}

const BY_STATUS: Record<number, GatewayProblemCode> = Object.fromEntries(
  Object.entries(GATEWAY_PROBLEMS)
    .filter(([code]) => code !== 'malformed-json')
    .map(([code, entry]) => [entry.status, code as GatewayProblemCode]),
);

/** The code used for a bare HTTP status (Nest's built-in exceptions). */
export function codeForStatus(status: number): GatewayProblemCode {
  return BY_STATUS[status] ?? (status >= 500 ? 'internal-error' : 'validation-failed');
}
