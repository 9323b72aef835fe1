/**
 * The gateway: the only public HTTP entry. Global guard order: authentication and roles first,
 * then rate limiting per caller. One exception filter renders every error as problem+json.
 */
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuthGuard } from '@strata/auth';
import { LoggerModule } from 'nestjs-pino';
import { AdaptersModule, type GatewayAdapters } from './adapters';
import { GATEWAY_CONFIG, type GatewayConfig } from './config';
import { AuditLogModule } from './audit-log/audit-log.module';
import { ConsoleModule } from './console/console.module';
import { ConsortiumModule } from './consortium/consortium.module';
import { HealthModule } from './health/health.module';
import { IdentityModule } from './identity/identity.module';
import { TrustRegistryModule } from './trust-registry/trust-registry.module';
import { loggerParams } from './http/logging';
import { EventListenersModule } from './event-listeners/event-listeners.module';
import { ExplorerModule } from './explorer/explorer.module';
import { EventStreamsModule } from './event-streams/event-streams.module';
import { MasterAccountsModule } from './master-accounts/master-accounts.module';
import { MetricsModule } from './metrics/metrics.module';
import { MonitoringModule } from './monitoring/monitoring.module';
import { AuditorGrantsModule } from './auditor-grants/auditor-grants.module';
import { AuditorScopeGuard } from './auditor-grants/auditor-scope.guard';
import { NetworksModule } from './networks/networks.module';
import { OpenApiModule } from './openapi/openapi.module';
import { OperationsModule } from './operations/operations.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { ProblemsFilter } from './problems/problems.filter';
import { TransactionsModule } from './transactions/transactions.module';
import { CallerThrottlerGuard } from './rate-limit/caller-throttler.guard';
import { Clock, IdGenerator, RandomIdGenerator, SystemClock } from './system/clock';

@Module({})
export class AppModule {
  static register(config: GatewayConfig, adapters: GatewayAdapters): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggerParams(config)),
        ThrottlerModule.forRoot({
          throttlers: [
            { name: 'default', ttl: 60_000, limit: config.STRATA_RATE_LIMIT_PER_MINUTE },
          ],
        }),
        AdaptersModule.register(adapters),
        OpenApiModule,
        HealthModule,
        MetricsModule,
        OperationsModule,
        OrganisationsModule,
        NetworksModule,
        TransactionsModule,
        MasterAccountsModule,
        EventListenersModule,
        ExplorerModule,
        EventStreamsModule,
        ConsortiumModule,
        MonitoringModule,
        AuditorGrantsModule,
        IdentityModule,
        TrustRegistryModule,
        AuditLogModule,
        // Last: its catch-all GET route must come after every API route.
        ConsoleModule,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: Clock, useClass: SystemClock },
        { provide: IdGenerator, useClass: RandomIdGenerator },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: CallerThrottlerGuard },
        { provide: APP_GUARD, useClass: AuditorScopeGuard },
        { provide: APP_FILTER, useClass: ProblemsFilter },
      ],
      exports: [GATEWAY_CONFIG, Clock, IdGenerator],
    };
  }
}
