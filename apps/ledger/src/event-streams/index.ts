/** Providers of the event streams (webhooks and WebSocket streams of contract events; ADR 0011). */
import type { Provider } from '@nestjs/common';
import { EventStreamHandlers } from './event-stream.handlers';
import { EventStreamMetrics } from './event-stream.metrics';
import { EventStreamReads } from './event-stream.reads';
import { EventStreamsService } from './event-streams.service';
import { StreamLogIngest } from './stream-log.ingest';
import {
  DEFAULT_STREAM_LOG_RETENTION,
  STREAM_LOG_RETENTION,
  StreamLogPruner,
  type StreamLogRetention,
} from './stream-log.pruner';
import { WebhookDelivery } from './webhook-delivery';
import { WebhookDeliveryLoop } from './webhook-delivery.loop';
import { HttpWebhookSender, WebhookSender } from './webhook-sender';
import { WebhookTargets } from '@strata/runtime';

export { EventStream } from './event-stream.entity';
export { StreamDeadLetter } from './stream-dead-letter.entity';
export { StreamLogEvent } from './stream-log-event.entity';
export { DEFAULT_STREAM_LOG_RETENTION } from './stream-log.pruner';

export function eventStreamProviders(
  retention: StreamLogRetention = DEFAULT_STREAM_LOG_RETENTION,
  targets: WebhookTargets = new WebhookTargets(),
): Provider[] {
  return [
    { provide: STREAM_LOG_RETENTION, useValue: retention },
    StreamLogPruner,
    { provide: WebhookTargets, useValue: targets },
    { provide: WebhookSender, useClass: HttpWebhookSender },
    EventStreamMetrics,
    StreamLogIngest,
    EventStreamsService,
    EventStreamReads,
    EventStreamHandlers,
    WebhookDelivery,
    WebhookDeliveryLoop,
  ];
}
