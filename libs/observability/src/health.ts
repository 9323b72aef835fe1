/**
 * GET /health with @nestjs/terminus: 200 when the app's database answers, Kafka's cluster can be
 * described and every consumer group has been joined; 503 with the failing part otherwise.
 */
import { Controller, Get, Inject, Module } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TerminusModule,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { MikroORM } from '@mikro-orm/postgresql';
import { BusConsumers, KafkaBus } from '@strata/bus';

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms),
    ),
  ]);

@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(MikroORM) private readonly orm: MikroORM,
    @Inject(KafkaBus) private readonly bus: KafkaBus,
    @Inject(BusConsumers) private readonly consumers: BusConsumers,
  ) {}

  @Get('health')
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database(),
      () => this.kafka(),
      () => this.consumerGroups(),
    ]);
  }

  private async database(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('database');
    try {
      await withTimeout(this.orm.em.getConnection().execute('select 1'), 2000);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: String(error) });
    }
  }

  /** Readiness: the app receives the messages of every consumer group it registered. */
  private async consumerGroups(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('consumers');
    const waiting = this.consumers.notJoined();
    return waiting.length === 0 ? indicator.up() : indicator.down({ waitingFor: waiting });
  }

  private async kafka(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('kafka');
    try {
      const { brokers } = await withTimeout(this.bus.describeCluster(), 2000);
      return indicator.up({ brokers });
    } catch (error) {
      return indicator.down({ message: String(error) });
    }
  }
}

@Module({ imports: [TerminusModule.forRoot({ logger: false })], controllers: [HealthController] })
export class HealthModule {}
