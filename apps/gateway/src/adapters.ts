/**
 * What the gateway needs from outside the process, as one module to swap: the bus requester,
 * the operation store, the token verifier and the health probes. `main.ts` wires the real ones;
 * tests and the OpenAPI script wire in-memory ones.
 */
import type { DynamicModule, Provider } from '@nestjs/common';
import { TokenVerifier } from '@strata/auth';
import { Requester } from '@strata/bus';
import { HEALTH_PROBES, type HealthProbe } from './health/health-probe';
import { OperationRepository } from './idempotency/operation.repository';
import { SilentTransactionEvents, TransactionEvents } from './transactions/transaction-events';

export interface GatewayAdapters {
  requester: Requester;
  operations: OperationRepository;
  tokenVerifier: TokenVerifier;
  probes: HealthProbe[];
  /** The ledger's transaction status events (the SSE stream); silent when absent. */
  transactionEvents?: TransactionEvents;
  /** Extra providers/imports the adapters need (e.g. the bus module). */
  imports?: DynamicModule[];
}

export class AdaptersModule {
  static register(adapters: GatewayAdapters): DynamicModule {
    const providers: Provider[] = [
      { provide: Requester, useValue: adapters.requester },
      { provide: OperationRepository, useValue: adapters.operations },
      { provide: TokenVerifier, useValue: adapters.tokenVerifier },
      { provide: HEALTH_PROBES, useValue: adapters.probes },
      {
        provide: TransactionEvents,
        useValue: adapters.transactionEvents ?? new SilentTransactionEvents(),
      },
    ];
    return {
      module: AdaptersModule,
      global: true,
      imports: adapters.imports ?? [],
      providers,
      exports: providers,
    };
  }
}
