/** Event stream figures on the ledger's /metrics: webhook delivery attempts by outcome, stream log appends. */
import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@strata/observability';
import { Counter, type Registry } from 'prom-client';

export type DeliveryOutcome = 'delivered' | 'failed' | 'dead-lettered';

@Injectable()
export class EventStreamMetrics {
  private readonly deliveries: Counter<'outcome'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.deliveries = new Counter({
      name: 'strata_event_stream_webhook_deliveries_total',
      help: 'Webhook delivery attempts of event streams, by outcome (delivered, failed, dead-lettered)',
      labelNames: ['outcome'],
      registers: [registry],
    });
  }

  delivery(outcome: DeliveryOutcome): void {
    this.deliveries.inc({ outcome });
  }
}
