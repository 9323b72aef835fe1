/**
 * Event streams on the bus: create/change commands, WebSocket connections and acknowledgements,
 * and reads.
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  ackEventStreamCommandSchema,
  changeEventStreamCommandSchema,
  claimEventStreamSocketCommandSchema,
  createEventStreamCommandSchema,
  type EventStreamQuery,
  eventStreamQuerySchema,
  EventStreamTopics,
} from '@strata/contracts';
import { BusConsumers } from '@strata/bus';
import { EventStreamReads } from './event-stream.reads';
import { EventStreamsService } from './event-streams.service';

@Injectable()
export class EventStreamHandlers implements OnModuleInit {
  constructor(
    private readonly consumers: BusConsumers,
    private readonly streams: EventStreamsService,
    private readonly reads: EventStreamReads,
  ) {}

  onModuleInit(): void {
    this.consumers.onCommand(
      EventStreamTopics.createEventStream,
      createEventStreamCommandSchema,
      ({ em, outbox, payload, actor }) => this.streams.create(em, outbox, payload, actor),
    );
    this.consumers.onCommand(
      EventStreamTopics.changeEventStream,
      changeEventStreamCommandSchema,
      ({ em, outbox, payload, actor }) => this.streams.change(em, outbox, payload, actor),
    );
    this.consumers.onCommand(
      EventStreamTopics.ackEventStream,
      ackEventStreamCommandSchema,
      ({ em, payload, actor }) => this.streams.ack(em, payload, actor),
    );
    this.consumers.onCommand(
      EventStreamTopics.claimEventStreamSocket,
      claimEventStreamSocketCommandSchema,
      ({ em, payload, actor }) => this.streams.claimSocket(em, payload, actor),
    );
    this.consumers.onQuery<EventStreamQuery, unknown>(
      EventStreamTopics.queries,
      eventStreamQuerySchema,
      ({ em, payload, actor }) => this.reads.answer(em, payload, actor),
    );
  }
}
