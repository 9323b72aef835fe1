/**
 * Creates and configures the gateway application the same way for `main.ts`, the tests and the
 * OpenAPI script: plain HTTP middleware (request id, metrics, JSON bodies), logger, document.
 */
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { GatewayAdapters } from './adapters';
import { AppModule } from './app.module';
import type { GatewayConfig } from './config';
import { bodyParserErrors, jsonBodyParser, requireJsonBody } from './http/body-parsing';
import { requestIdMiddleware } from './http/request-id';
import { HttpMetrics } from './metrics/http-metrics';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { OpenApiHolder } from './openapi/openapi-holder';

export interface CreateGatewayOptions {
  /** Nest's own start-up logging; off for scripts and tests. */
  quiet?: boolean;
}

export async function createGateway(
  config: GatewayConfig,
  adapters: GatewayAdapters,
  options: CreateGatewayOptions = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(config, adapters),
    {
      bodyParser: false,
      bufferLogs: !options.quiet,
      logger: options.quiet ? false : undefined,
    },
  );
  if (!options.quiet) app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  app.use(app.get(HttpMetrics).middleware);
  app.use(requireJsonBody);
  app.use(jsonBodyParser);
  app.use(bodyParserErrors);
  app.get(OpenApiHolder).set(buildOpenApiDocument(app, config));
  app.enableShutdownHooks();
  return app;
}
