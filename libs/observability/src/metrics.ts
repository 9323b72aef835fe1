/**
 * Prometheus metrics: one registry per process with Node's default metrics and an HTTP request
 * histogram by route and status, exposed on GET /metrics.
 */
import {
  Controller,
  Get,
  Header,
  Inject,
  Injectable,
  type NestMiddleware,
  Module,
  Global,
} from '@nestjs/common';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { NextFunction, Request, Response } from 'express';

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

export function createRegistry(app: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  collectDefaultMetrics({ register: registry });
  return registry;
}

@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly duration: Histogram<'method' | 'route' | 'status'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.duration =
      (registry.getSingleMetric('http_request_duration_seconds') as
        Histogram<'method' | 'route' | 'status'> | undefined) ??
      new Histogram({
        name: 'http_request_duration_seconds',
        help: 'HTTP request duration by method, route and status',
        labelNames: ['method', 'route', 'status'],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registers: [registry],
      });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const stop = this.duration.startTimer();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      stop({ method: req.method, route: `${req.baseUrl}${route}`, status: String(res.statusCode) });
    });
    next();
  }
}

@Controller()
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}

@Global()
@Module({})
export class MetricsModule {
  static forRoot(app: string) {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [
        { provide: METRICS_REGISTRY, useValue: createRegistry(app) },
        HttpMetricsMiddleware,
      ],
      exports: [METRICS_REGISTRY, HttpMetricsMiddleware],
    };
  }
}
