/**
 * Where the event sync delivers contract events, as a port: `publish` resolves only once Kafka
 * acknowledged every event (acks=all), in the given order per key. It may have delivered a
 * prefix when it rejects; the caller then keeps its checkpoint and publishes the window again
 * (at-least-once; consumers dedupe on the event id and `removed`).
 */
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { createEnvelope, KafkaBus, type OutgoingMessage } from '@strata/bus';
import { type ContractEvent, EventListenerTopics } from '@strata/contracts';
import { contractEventKey } from './contract-events';

export abstract class ContractEventPublisher {
  abstract publish(events: ContractEvent[]): Promise<void>;
}

/**
 * Bytes of encoded events per publish call. The broker refuses a record batch (one per partition
 * per request) above its `message.max.bytes`, 1 MiB by default; a call of at most 700 kB keeps
 * every batch below it whatever the partitioning, with room for the small calls the bus may
 * coalesce into the same request, while keeping requests large (kafkajs' cost is per request:
 * encoding buffers, CRC, GC).
 */
export const PUBLISH_CHUNK_BYTES = 700_000;

/**
 * Direct produce through the app's Kafka connection (no outbox round trip through Postgres).
 * Chunks go one after the other (the bus's producer keeps one request in flight and a failed
 * chunk rejects the whole publish), which keeps the order per key.
 */
@Injectable()
export class KafkaContractEventPublisher
  extends ContractEventPublisher
  implements OnApplicationBootstrap
{
  private readonly logger = new Logger(KafkaContractEventPublisher.name);

  constructor(private readonly bus: KafkaBus) {
    super();
  }

  /**
   * Creates the topic before the first window so its creation is not paid inside a sync step.
   * Not fatal: a busy broker may time out here, and `publish` ensures the topic again.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.bus.ensureTopics([EventListenerTopics.contractEvent]).catch((error: unknown) => {
      this.logger.warn(`contract-event topic not ensured at startup: ${String(error)}`);
    });
  }

  async publish(events: ContractEvent[]): Promise<void> {
    for (const chunk of chunksOf(events.map(toMessage))) await this.bus.publish(chunk);
  }
}

const toMessage = (event: ContractEvent): OutgoingMessage => {
  const topic = EventListenerTopics.contractEvent;
  return {
    topic,
    key: contractEventKey(event),
    envelope: createEnvelope({ type: topic, payload: event }),
  };
};

/** Consecutive runs of messages whose estimated encoded size stays below the chunk bound. */
export function chunksOf(
  messages: OutgoingMessage[],
  maxBytes = PUBLISH_CHUNK_BYTES,
): OutgoingMessage[][] {
  const chunks: OutgoingMessage[][] = [];
  let current: OutgoingMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    // Key, payload and the envelope's and record's own fields (ids, type, headers, varints).
    const size = message.key.length + JSON.stringify(message.envelope.payload).length + 400;
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
