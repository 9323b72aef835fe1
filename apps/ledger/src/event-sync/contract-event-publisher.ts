/**
 * Where the event sync delivers contract events, as a port: `publish` resolves only once Kafka
 * acknowledged every event (acks=all), in the given order per key. It may have delivered a
 * prefix when it rejects; the caller then keeps its checkpoint and publishes the window again
 * (at-least-once; consumers dedupe on the event id and `removed`).
 */
import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type EncodedMessage, KafkaBus } from '@strata/bus';
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
    const occurredAt = new Date().toISOString();
    const messages = events.map((event) => toMessage(event, occurredAt));
    for (const chunk of chunksOf(messages)) await this.bus.publish(chunk);
  }
}

const TOPIC = EventListenerTopics.contractEvent;

/**
 * The envelope `createEnvelope({ type, payload: event })` would give, encoded straight to its
 * JSON (the same bytes as `encodeEnvelope`, without an envelope object and a second walk over the
 * payload per event); one `occurredAt` per publish call. Bytes, not the JSON text: kafkajs
 * takes a Buffer's length as it is, but measures a string's UTF-8 length twice before writing it
 * (tried 2026-11-27: no gain).
 */
export function toMessage(event: ContractEvent, occurredAt: string): EncodedMessage {
  const json = `{"id":"${randomUUID()}","type":"${TOPIC}","occurredAt":"${occurredAt}","payload":${JSON.stringify(event)}}`;
  return { topic: TOPIC, key: contractEventKey(event), value: Buffer.from(json) };
}

/** Consecutive runs of messages whose encoded size stays below the chunk bound. */
export function chunksOf(
  messages: EncodedMessage[],
  maxBytes = PUBLISH_CHUNK_BYTES,
): EncodedMessage[][] {
  const chunks: EncodedMessage[][] = [];
  let current: EncodedMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    // Key, value and the record's own fields (headers, varints, offsets).
    const size = message.key.length + message.value.length + 100;
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
