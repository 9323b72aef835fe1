/** `/health`: terminus report over the configured probes (database, Kafka); 503 problem when down. */
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
} from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '@strata/auth';
import { gatewayProblem } from '../problems/catalog';
import { ProblemException } from '../problems/problem';
import { HEALTH_PROBES, type HealthProbe } from './health-probe';

@ApiExcludeController()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(HEALTH_PROBES) private readonly probes: HealthProbe[],
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check(this.probes.map((probe) => () => this.run(probe)));
    } catch (error) {
      const checks = (error as { response?: unknown }).response;
      throw new ProblemException(
        gatewayProblem('service-unavailable', {
          detail: 'a dependency is down',
          extensions: { checks },
        }),
      );
    }
  }

  private async run(probe: HealthProbe) {
    const session = this.indicators.check(probe.name);
    try {
      await probe.check();
      return session.up();
    } catch (error) {
      return session.down({ message: error instanceof Error ? error.message : 'unreachable' });
    }
  }
}
