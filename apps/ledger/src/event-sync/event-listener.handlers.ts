/** Event listeners on the bus: create and change commands, and reads. */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  changeEventListenerCommandSchema,
  createEventListenerCommandSchema,
  type EventListenerQuery,
  eventListenerQuerySchema,
  EventListenerTopics,
} from '@strata/contracts';
import { BusConsumers } from '@strata/bus';
import { EventListenersService } from './event-listeners.service';

@Injectable()
export class EventListenerHandlers implements OnModuleInit {
  constructor(
    private readonly consumers: BusConsumers,
    private readonly listeners: EventListenersService,
  ) {}

  onModuleInit(): void {
    this.consumers.onCommand(
      EventListenerTopics.createEventListener,
      createEventListenerCommandSchema,
      ({ em, outbox, payload, actor }) => this.listeners.create(em, outbox, payload, actor),
    );
    this.consumers.onCommand(
      EventListenerTopics.changeEventListener,
      changeEventListenerCommandSchema,
      ({ em, outbox, payload, actor }) => this.listeners.change(em, outbox, payload, actor),
    );
    this.consumers.onQuery<EventListenerQuery, unknown>(
      EventListenerTopics.queries,
      eventListenerQuerySchema,
      ({ em, payload, actor }) =>
        payload.query === 'get-event-listener'
          ? this.listeners.get(em, payload.networkId, payload.id, actor)
          : this.listeners.list(em, payload.networkId, actor),
    );
  }
}
