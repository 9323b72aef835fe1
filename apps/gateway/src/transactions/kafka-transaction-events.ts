/**
 * The status stream's Kafka adapter: a consumer group of this gateway instance alone (every
 * instance must see every event) on all `transaction-<status>` topics, starting at the end
 * (a stream is about what happens from now on) and committing nothing. Events pass a short
 * reorder window (see status-order.ts), are numbered and kept in a bounded replay buffer.
 */
import { randomUUID } from 'node:crypto';
import { decodeEnvelope, KafkaBus } from '@strata/bus';
import {
  LedgerTransactionTopics,
  TRANSACTION_STATUSES,
  transactionSchema,
} from '@strata/contracts';
import type { Consumer } from 'kafkajs';
import pino from 'pino';
import type { GatewayConfig } from '../config';
import { ReorderWindow } from './status-order';
import {
  TransactionEvents,
  type TransactionStatusEvent,
  type TransactionStatusListener,
} from './transaction-events';

const BUFFER = 10_000;
const REORDER_WINDOW_MS = 400;
const JOIN_WAIT_MS = 30_000;

export class KafkaTransactionEvents extends TransactionEvents {
  private readonly listeners = new Set<TransactionStatusListener>();
  private readonly buffer: TransactionStatusEvent[] = [];
  private readonly window = new ReorderWindow(REORDER_WINDOW_MS);
  private seq = 0;
  private consumer?: Consumer;
  private timer?: NodeJS.Timeout;

  private constructor(private readonly bus: KafkaBus) {
    super();
  }

  static async start(config: GatewayConfig, brokers: string[]): Promise<KafkaTransactionEvents> {
    const logger = pino({
      level: config.STRATA_LOG_LEVEL,
      base: { app: 'gateway', component: 'transaction-stream' },
    });
    const instanceId = randomUUID();
    const bus = new KafkaBus(
      { app: 'gateway', brokers, topicPrefix: config.STRATA_TOPIC_PREFIX, instanceId },
      logger,
    );
    await bus.connect();
    const events = new KafkaTransactionEvents(bus);
    await events.run(`gateway.transaction-stream.${instanceId}`);
    return events;
  }

  private async run(groupId: string): Promise<void> {
    const topics = TRANSACTION_STATUSES.map((status) =>
      LedgerTransactionTopics.transitioned(status),
    );
    await this.bus.ensureTopics(topics);
    const consumer = this.bus.consumer(groupId);
    this.consumer = consumer;
    // Resolve once the group is joined, so the stream misses nothing published after start.
    const joined = new Promise<void>((resolve) => {
      const stop = consumer.on(consumer.events.GROUP_JOIN, () => {
        stop();
        resolve();
      });
    });
    await consumer.connect();
    await consumer.subscribe({
      topics: topics.map((t) => this.bus.wireName(t)),
      fromBeginning: false,
    });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => {
        try {
          const parsed = transactionSchema.safeParse(decodeEnvelope(message.value).payload);
          if (parsed.success) this.window.add(parsed.data, Date.now());
        } catch {
          // Not an envelope: the owning app's consumers dead-letter it; the stream skips it.
        }
      },
    });
    this.timer = setInterval(() => this.flush(), 100);
    await Promise.race([joined, new Promise((resolve) => setTimeout(resolve, JOIN_WAIT_MS))]);
  }

  private flush(): void {
    for (const transaction of this.window.release(Date.now())) {
      const event = { seq: ++this.seq, transaction };
      this.buffer.push(event);
      if (this.buffer.length > BUFFER) this.buffer.shift();
      for (const listener of this.listeners) listener(event);
    }
  }

  position(): number {
    return this.seq;
  }

  subscribe(listener: TransactionStatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  since(seq: number): { events: TransactionStatusEvent[]; complete: boolean } {
    const oldest = this.buffer[0]?.seq ?? this.seq + 1;
    return {
      events: this.buffer.filter((event) => event.seq > seq),
      complete: seq >= oldest - 1 && seq <= this.seq,
    };
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.consumer?.disconnect();
    await this.bus.disconnect();
  }
}
