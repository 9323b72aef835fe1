/** Starts a backend app: Nest with pino logs, graceful shutdown on SIGTERM/SIGINT, listening where configured. */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication, Type } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import type { BaseConfig } from '@strata/config';

export async function runService(
  appModule: Type<unknown>,
  config: BaseConfig,
  configure?: (app: INestApplication) => void | Promise<void>,
): Promise<INestApplication> {
  const app = await NestFactory.create(appModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await configure?.(app);
  await app.listen(config.STRATA_HTTP_PORT, config.STRATA_HTTP_HOST);
  app.get(Logger).log(`listening on http://${config.STRATA_HTTP_HOST}:${config.STRATA_HTTP_PORT}`);
  return app;
}
