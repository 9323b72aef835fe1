/**
 * The app's connection to Kafka: one idempotent producer, an admin client for topic creation,
 * and consumers on demand. Topic names are given unprefixed everywhere in the code; this class
 * adds the deployment's prefix on the wire and strips it on the way back.
 */
import {
  Kafka,
  logLevel,
  type Consumer,
  type Message,
  type Producer,
  type Admin,
  type logCreator,
} from 'kafkajs';
import type { Envelope } from '@strata/contracts';
import type { BusOptions } from './bus-options';
import { encodeEnvelope } from './envelopes';
import { KeyPartitioner } from './key-partitioner';
import type { Logger } from './logger';

/** Routes kafkajs's own log lines into the app's structured logger. */
function kafkajsLogs(logger: Logger): logCreator {
  return () =>
    ({ level, log }) => {
      const { message, ...extra } = log;
      const line = { kafkajs: extra };
      if (level <= logLevel.ERROR) logger.error(line, message);
      else logger.warn(line, message);
    };
}

export interface OutgoingMessage {
  topic: string;
  key: string;
  envelope: Envelope;
}

/**
 * A message whose envelope the caller has encoded already (the bytes `encodeEnvelope` would
 * give): for high-volume producers that build the JSON without an envelope object per message.
 */
export interface EncodedMessage {
  topic: string;
  key: string;
  value: Buffer;
}

interface PendingPublish {
  messages: (OutgoingMessage | EncodedMessage)[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Upper bound of messages coalesced into one produce request (a single call may exceed it). */
const MAX_COALESCED_MESSAGES = 1_000;

export class KafkaBus {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private readonly knownTopics = new Set<string>();
  private connected = false;
  private readonly waiting: PendingPublish[] = [];
  private sending = false;

  constructor(
    readonly options: BusOptions,
    logger: Logger,
  ) {
    this.kafka = new Kafka({
      clientId: `strata-${options.app}`,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      logCreator: kafkajsLogs(logger),
      retry: { retries: 8, initialRetryTime: 200 },
    });
    // Not the idempotent producer: delivery is at-least-once by design (consumers dedupe on the
    // envelope id), and one request in flight keeps the order per partition on retries.
    this.producer = this.kafka.producer({
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // kafkajs's default partitioning (murmur2 of the key), without its per-message allocations.
      createPartitioner: KeyPartitioner,
    });
    this.admin = this.kafka.admin();
  }

  wireName(topic: string): string {
    return `${this.options.topicPrefix}${topic}`;
  }

  logicalName(wireTopic: string): string {
    const prefix = this.options.topicPrefix;
    return prefix && wireTopic.startsWith(prefix) ? wireTopic.slice(prefix.length) : wireTopic;
  }

  async connect(): Promise<void> {
    if (this.connected) return;
    await Promise.all([this.producer.connect(), this.admin.connect()]);
    this.connected = true;
  }

  async disconnect(): Promise<void> {
    if (!this.connected) return;
    this.connected = false;
    await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
  }

  /**
   * Creates the topics that do not exist yet. Idempotent and safe when several apps create the
   * same topic at once: retriable broker answers (metadata not yet propagated) are retried.
   */
  async ensureTopics(topics: string[]): Promise<void> {
    const missing = [...new Set(topics)].filter((topic) => !this.knownTopics.has(topic));
    if (missing.length === 0) return;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({
            topic: this.wireName(topic),
            numPartitions: this.options.partitions ?? 3,
          })),
        });
        await this.admin.fetchTopicMetadata({
          topics: missing.map((topic) => this.wireName(topic)),
        });
        break;
      } catch (error) {
        const retriable = (error as { retriable?: boolean }).retriable === true;
        if (!retriable || attempt >= 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
    missing.forEach((topic) => this.knownTopics.add(topic));
  }

  /**
   * Publishes and resolves once every broker acknowledged (acks=all). Keeps order per topic+key.
   * Calls made while a send is in flight are coalesced into the next send (one produce request
   * instead of one each, queued behind the single request in flight), in call order.
   */
  async publish(messages: (OutgoingMessage | EncodedMessage)[]): Promise<void> {
    if (messages.length === 0) return;
    await this.ensureTopics(messages.map((m) => m.topic));
    await new Promise<void>((resolve, reject) => {
      this.waiting.push({ messages, resolve, reject });
      if (!this.sending) void this.sendWaiting();
    });
  }

  private async sendWaiting(): Promise<void> {
    this.sending = true;
    while (this.waiting.length > 0) {
      let count = 0;
      let take = 0;
      while (take < this.waiting.length && (take === 0 || count < MAX_COALESCED_MESSAGES)) {
        count += this.waiting[take++].messages.length;
      }
      const batch = this.waiting.splice(0, take);
      try {
        await this.send(batch.flatMap((call) => call.messages));
        batch.forEach((call) => call.resolve());
      } catch (error) {
        batch.forEach((call) => call.reject(error));
      }
    }
    this.sending = false;
  }

  private async send(messages: (OutgoingMessage | EncodedMessage)[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const message of messages) {
      const list = byTopic.get(message.topic) ?? [];
      const encoded = 'value' in message;
      list.push({
        key: message.key,
        value: encoded ? message.value : encodeEnvelope(message.envelope),
      });
      byTopic.set(message.topic, list);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic: this.wireName(topic),
        messages: list,
      })),
    });
  }

  consumer(groupId: string): Consumer {
    return this.kafka.consumer({
      groupId: `${this.options.topicPrefix}${groupId}`,
      allowAutoTopicCreation: false,
      // A crashed instance's partitions move to a live one after this long (handlers stay well below it).
      sessionTimeout: 15_000,
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: 500,
      retry: { retries: 10, initialRetryTime: 300 },
    });
  }

  /** Cheap liveness probe for health checks. */
  async describeCluster(): Promise<{ brokers: number }> {
    const cluster = await this.admin.describeCluster();
    return { brokers: cluster.brokers.length };
  }
}
