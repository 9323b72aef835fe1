/**
 * Structured JSON logs (pino) for every app: one root logger per process, request ids on HTTP
 * log lines, and credentials redacted wherever they could appear.
 */
import pino, { type Logger as PinoLogger } from 'pino';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.clientSecret',
  '*.client_secret',
  '*.accessToken',
  '*.access_token',
  '*.refresh_token',
  '*.privateKey',
];

export function createLogger(app: string, level: string): PinoLogger {
  return pino({
    name: app,
    level,
    base: { app },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

export type { PinoLogger };
