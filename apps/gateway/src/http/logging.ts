/**
 * Structured logs with pino: one line per request with its request id; authorization headers
 * and cookies never reach the log.
 */
import type { Params } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { REDACTED_PATHS } from '@strata/observability';
import type { GatewayConfig } from '../config';

export function loggerParams(config: Pick<GatewayConfig, 'STRATA_LOG_LEVEL'>): Params {
  return {
    pinoHttp: {
      level: config.STRATA_LOG_LEVEL,
      genReqId: (req: IncomingMessage) => {
        const id = (req as IncomingMessage & { id?: unknown }).id;
        return typeof id === 'string' ? id : 'unknown';
      },
      customAttributeKeys: { reqId: 'requestId' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
      base: { app: 'gateway' },
    },
  };
}
