/**
 * What every backend app is made of besides its own features: structured logs with request ids,
 * its database schema (migrated at boot), the Kafka bus with outbox/inbox, /health and /metrics.
 */
import { randomUUID } from 'node:crypto';
import type { DynamicModule } from '@nestjs/common';
import type { MigrationObject, EntitySchema } from '@mikro-orm/core';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppName } from '@strata/contracts';
import type { BaseConfig } from '@strata/config';
import { BUS_ENTITIES, BusModule } from '@strata/bus';
import { PersistenceModule } from '@strata/persistence';
import { createLogger, HealthModule, MetricsModule, type PinoLogger } from '@strata/observability';

export interface ServiceDefinition {
  app: AppName;
  /** The app's own PostgreSQL schema; its migrations create every table there. */
  schema: string;
  config: BaseConfig;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- entity schemas of any shape
  entities: EntitySchema<any, any>[];
  migrations: MigrationObject[];
  /** Create the database when missing (local development). */
  createDatabase?: boolean;
  requestTimeoutMs?: number;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  const given = Array.isArray(header) ? header[0] : header;
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

export function serviceLogger(definition: Pick<ServiceDefinition, 'app' | 'config'>): PinoLogger {
  return createLogger(definition.app, definition.config.STRATA_LOG_LEVEL);
}

export function serviceModules(
  definition: ServiceDefinition,
  logger: PinoLogger = serviceLogger(definition),
): DynamicModule[] {
  const { config } = definition;
  return [
    LoggerModule.forRoot({
      pinoHttp: {
        logger,
        genReqId: (req: IncomingMessage, res: ServerResponse) => {
          const id = requestIdOf(req);
          res.setHeader('X-Request-Id', id);
          return id;
        },
        customLogLevel: (_req, res, error) =>
          error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
        autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
      },
    }),
    PersistenceModule.forRoot({
      databaseUrl: config.STRATA_DATABASE_URL,
      schema: definition.schema,
      entities: [...BUS_ENTITIES, ...definition.entities],
      migrations: definition.migrations,
      createDatabase: definition.createDatabase,
    }),
    BusModule.forRoot({
      app: definition.app,
      brokers: config.STRATA_KAFKA_BROKERS.split(',').map((broker) => broker.trim()),
      topicPrefix: config.STRATA_TOPIC_PREFIX,
      instanceId: randomUUID(),
      schema: definition.schema,
      logger,
      requestTimeoutMs: definition.requestTimeoutMs,
    }),
    MetricsModule.forRoot(definition.app),
    { module: HealthModule },
  ];
}
