/**
 * Event stream figures on the ledger's /metrics: webhook delivery attempts by outcome; the
 * contract events the stream log took and how far behind their publication it is (a delay that
 * grows means streams deliver late; no new events while listeners sync means its ingest stalled,
 * see also the lag of the Kafka consumer group `ledger:strata.ledger.contract-event.v1`).
 */
import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@strata/observability';
import { Counter, Gauge, type Registry } from 'prom-client';

export type DeliveryOutcome = 'delivered' | 'failed' | 'dead-lettered';

@Injectable()
export class EventStreamMetrics {
  private readonly deliveries: Counter<'outcome'>;
  private readonly logged: Counter;
  private readonly logDelay: Gauge;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.deliveries = new Counter({
      name: 'strata_event_stream_webhook_deliveries_total',
      help: 'Webhook delivery attempts of event streams, by outcome (delivered, failed, dead-lettered)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.logged = new Counter({
      name: 'strata_event_stream_log_events_total',
      help: 'Contract events the stream log took (repeats of an event included)',
      registers: [registry],
    });
    this.logDelay = new Gauge({
      name: 'strata_event_stream_log_delay_seconds',
      help: 'From the publication of the newest event the stream log took until it took it',
      registers: [registry],
    });
  }

  /** A run of `count` events taken into the stream log; the newest was published at `publishedAt`. */
  logTook(count: number, publishedAt: string, now: Date): void {
    this.logged.inc(count);
    const published = Date.parse(publishedAt);
    if (Number.isFinite(published)) {
      this.logDelay.set(Math.max(0, (now.getTime() - published) / 1000));
    }
  }

  delivery(outcome: DeliveryOutcome): void {
    this.deliveries.inc({ outcome });
  }
}
