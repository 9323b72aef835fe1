/**
 * Submitter figures on the ledger's /metrics: failures isolated to one network, by stage, and the
 * broadcasts this instance made (with several ledger instances, how they share the work).
 */
import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@strata/observability';
import { Counter, type Registry } from 'prom-client';

export type SubmitterStage = 'sign' | 'broadcast' | 'follow';

@Injectable()
export class SubmitterMetrics {
  private readonly failures: Counter<'stage' | 'network'>;
  private readonly broadcasts: Counter<'network'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.failures = new Counter({
      name: 'strata_ledger_submitter_failures_total',
      help:
        'Transactions the submitter could not advance in a pass and retries later (node not ' +
        'answering, vault signing error, freeze read), by stage and network',
      labelNames: ['stage', 'network'],
      registers: [registry],
    });
    this.broadcasts = new Counter({
      name: 'strata_ledger_broadcasts_total',
      help:
        "Signed transactions this ledger instance's submitter broadcast and the node took " +
        '(rebroadcasts of dropped ones by the follower not counted), by network',
      labelNames: ['network'],
      registers: [registry],
    });
  }

  broadcast(networkId: string, count = 1): void {
    this.broadcasts.inc({ network: networkId }, count);
  }

  failed(stage: SubmitterStage, networkId: string, count = 1): void {
    this.failures.inc({ stage, network: networkId }, count);
  }
}
