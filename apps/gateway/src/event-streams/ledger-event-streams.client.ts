/**
 * The ledger's event streams over Kafka: reads (request/reply, problems mapped by askOwner) and
 * WebSocket acknowledgements (a command with a reply; repeating one is harmless, the position
 * only moves forward).
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Requester } from '@strata/bus';
import {
  type Actor,
  type AckEventStreamCommand,
  eventStreamSchema,
  type EventStreamQuery,
  EventStreamTopics,
} from '@strata/contracts';
import type { z } from 'zod';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { askOwner } from '../owners/ask-owner';

@Injectable()
export class LedgerEventStreamsClient {
  private readonly logger = new Logger(LedgerEventStreamsClient.name);

  constructor(
    private readonly requester: Requester,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  query<S extends z.ZodType>(
    query: EventStreamQuery,
    actor: Actor,
    result: S,
  ): Promise<z.output<S>> {
    const question = {
      owner: 'the ledger',
      topic: EventStreamTopics.queries,
      key: query.networkId,
      payload: query,
      actor,
      timeoutMs: this.config.STRATA_REPLY_TIMEOUT_MS,
    };
    return askOwner(this.requester, this.logger, question, result);
  }

  ack(command: AckEventStreamCommand, actor: Actor): Promise<unknown> {
    const question = {
      owner: 'the ledger',
      topic: EventStreamTopics.ackEventStream,
      key: command.networkId,
      payload: { query: 'ack-event-stream', ...command },
      actor,
      timeoutMs: this.config.STRATA_REPLY_TIMEOUT_MS,
    };
    return askOwner(this.requester, this.logger, question, eventStreamSchema);
  }
}
