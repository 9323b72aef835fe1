/** Submitter figures on the ledger's /metrics: failures isolated to one network, by stage. */
import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@strata/observability';
import { Counter, type Registry } from 'prom-client';

export type SubmitterStage = 'sign' | 'broadcast' | 'follow';

@Injectable()
export class SubmitterMetrics {
  private readonly failures: Counter<'stage' | 'network'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.failures = new Counter({
      name: 'strata_ledger_submitter_failures_total',
      help:
        'Transactions the submitter could not advance in a pass and retries later (node not ' +
        'answering, vault signing error, freeze read), by stage and network',
      labelNames: ['stage', 'network'],
      registers: [registry],
    });
  }

  failed(stage: SubmitterStage, networkId: string, count = 1): void {
    this.failures.inc({ stage, network: networkId }, count);
  }
}
