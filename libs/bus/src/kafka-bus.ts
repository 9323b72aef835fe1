/**
 * The app's connection to Kafka: one idempotent producer, an admin client for topic creation,
 * and consumers on demand. Topic names are given unprefixed everywhere in the code; this class
 * adds the deployment's prefix on the wire and strips it on the way back.
 */
import { Kafka, logLevel, type Consumer, type Message, type Producer, type Admin } from 'kafkajs';
import type { Envelope } from '@strata/contracts';
import type { BusOptions } from './bus-options';
import { encodeEnvelope } from './envelopes';

export interface OutgoingMessage {
  topic: string;
  key: string;
  envelope: Envelope;
}

export class KafkaBus {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private readonly knownTopics = new Set<string>();
  private connected = false;

  constructor(readonly options: BusOptions) {
    this.kafka = new Kafka({
      clientId: `strata-${options.app}`,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      retry: { retries: 8, initialRetryTime: 200 },
    });
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
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

  /** Creates the topics that do not exist yet (idempotent). */
  async ensureTopics(topics: string[]): Promise<void> {
    const missing = [...new Set(topics)].filter((topic) => !this.knownTopics.has(topic));
    if (missing.length === 0) return;
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic: this.wireName(topic),
        numPartitions: this.options.partitions ?? 3,
      })),
    });
    missing.forEach((topic) => this.knownTopics.add(topic));
  }

  /** Publishes and resolves once every broker acknowledged (acks=all). Keeps order per topic+key. */
  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.ensureTopics(messages.map((m) => m.topic));
    const byTopic = new Map<string, Message[]>();
    for (const message of messages) {
      const list = byTopic.get(message.topic) ?? [];
      list.push({ key: message.key, value: encodeEnvelope(message.envelope), headers: { 'strata-type': message.envelope.type } });
      byTopic.set(message.topic, list);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({ topic: this.wireName(topic), messages: list })),
    });
  }

  consumer(groupId: string): Consumer {
    return this.kafka.consumer({
      groupId: `${this.options.topicPrefix}${groupId}`,
      allowAutoTopicCreation: false,
      sessionTimeout: 30_000,
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
