/**
 * The ledger's event streams over Kafka: reads (request/reply, problems mapped by askOwner), and
 * WebSocket connections and acknowledgements (commands with a reply; repeating one is harmless:
 * a claim names the same connection again, the position only moves forward).
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Requester } from '@strata/bus';
import {
  type Actor,
  type AckEventStreamCommand,
  type ClaimEventStreamSocketCommand,
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
    return this.tell(
      EventStreamTopics.ackEventStream,
      command.networkId,
      {
        query: 'ack-event-stream',
        ...command,
      },
      actor,
    );
  }

  /** Makes a new WebSocket connection the stream's only one (see the command's schema). */
  claimSocket(command: ClaimEventStreamSocketCommand, actor: Actor): Promise<unknown> {
    return this.tell(
      EventStreamTopics.claimEventStreamSocket,
      command.networkId,
      { query: 'claim-event-stream-socket', ...command },
      actor,
    );
  }

  private tell(
    topic: string,
    networkId: string,
    payload: { query: string },
    actor: Actor,
  ): Promise<unknown> {
    const question = {
      owner: 'the ledger',
      topic,
      key: networkId,
      payload,
      actor,
      timeoutMs: this.config.STRATA_REPLY_TIMEOUT_MS,
    };
    return askOwner(this.requester, this.logger, question, eventStreamSchema);
  }
}
