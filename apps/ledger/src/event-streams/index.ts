/** Providers of the event streams (webhooks and WebSocket streams of contract events; ADR 0011). */
import type { Provider } from '@nestjs/common';
import { EventStreamHandlers } from './event-stream.handlers';
import { EventStreamMetrics } from './event-stream.metrics';
import { EventStreamReads } from './event-stream.reads';
import { EventStreamsService } from './event-streams.service';
import { StreamLogIngest } from './stream-log.ingest';
import { WebhookDelivery } from './webhook-delivery';
import { WebhookDeliveryLoop } from './webhook-delivery.loop';
import { FetchWebhookSender, WebhookSender } from './webhook-sender';

export { EventStream } from './event-stream.entity';
export { StreamDeadLetter } from './stream-dead-letter.entity';
export { StreamLogEvent } from './stream-log-event.entity';

export function eventStreamProviders(): Provider[] {
  return [
    { provide: WebhookSender, useClass: FetchWebhookSender },
    EventStreamMetrics,
    StreamLogIngest,
    EventStreamsService,
    EventStreamReads,
    EventStreamHandlers,
    WebhookDelivery,
    WebhookDeliveryLoop,
  ];
}
