/**
 * Feeds the hash chain from Kafka: one consumer group (`platform-mgmt:audit-log`) subscribed to
 * every audited event topic (see audited-topics.ts). Each batch Kafka delivers (one partition's
 * messages) is appended in its order, up to MAX_APPEND_BATCH events per transaction, so the chain
 * follows consumption order. Offsets are resolved only after the append's transaction committed;
 * a crash in between redelivers the events, which the chain recognises by their ids. A message
 * that is not an envelope is logged and skipped (the owning consumers dead-letter it).
 */
import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { envelopeSchema } from '@strata/contracts';
import { KafkaBus } from '@strata/bus';
import { AuditChainService, MAX_APPEND_BATCH } from './audit-chain.service';
import { auditedTopics } from './audited-topics';
import { AuditLogMetrics } from './audit-log.metrics';
import type { IncomingEvent } from './chain-extension';

export const AUDIT_CONSUMER_GROUP = 'platform-mgmt:audit-log';

@Injectable()
export class AuditEventConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditEventConsumer.name);
  private consumer: Consumer | undefined;
  private running = false;
  private starting: Promise<void> = Promise.resolve();

  constructor(
    private readonly bus: KafkaBus,
    private readonly chain: AuditChainService,
    private readonly metrics: AuditLogMetrics,
  ) {}

  /**
   * Starts in the background and keeps retrying: a slow or briefly unavailable Kafka delays the
   * audit log (events wait in Kafka) instead of failing platform-mgmt's start.
   */
  onApplicationBootstrap(): void {
    this.running = true;
    this.starting = this.startWithRetry();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.starting;
    await this.consumer?.disconnect();
  }

  private async startWithRetry(): Promise<void> {
    for (let attempt = 1; this.running; attempt++) {
      try {
        await this.start();
        return;
      } catch (error) {
        await this.consumer?.disconnect().catch(() => undefined);
        this.consumer = undefined;
        const delayMs = Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));
        this.logger.warn(
          `audit log consumer not started (attempt ${attempt}, retrying in ${delayMs} ms): ${error instanceof Error ? error.message : String(error)}`,
        );
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  private async start(): Promise<void> {
    const topics = auditedTopics();
    await this.bus.ensureTopics(topics);
    const consumer = this.bus.consumer(AUDIT_CONSUMER_GROUP);
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({
      topics: topics.map((topic) => this.bus.wireName(topic)),
      fromBeginning: true,
    });
    await consumer.run({
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.record(payload),
    });
    this.logger.log(`recording ${topics.length} event topics in the audit log`);
  }

  private async record(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const topic = this.bus.logicalName(batch.topic);
    for (let at = 0; at < batch.messages.length; at += MAX_APPEND_BATCH) {
      // After a rebalance the rest is redelivered to whoever owns the partition now.
      if (!payload.isRunning() || payload.isStale()) return;
      const messages = batch.messages.slice(at, at + MAX_APPEND_BATCH);
      const events = messages.flatMap((message) => this.eventOf(topic, message) ?? []);
      const outcomes = await this.chain.appendAll(events);
      for (const outcome of outcomes) if (outcome.appended) this.metrics.entryAppended();
      for (const message of messages) payload.resolveOffset(message.offset);
      await payload.heartbeat();
    }
  }

  private eventOf(topic: string, message: KafkaMessage): IncomingEvent | undefined {
    let raw: unknown;
    try {
      raw = JSON.parse(message.value?.toString('utf8') ?? '');
    } catch {
      raw = undefined;
    }
    const parsed = envelopeSchema.safeParse(raw);
    if (!parsed.success) {
      this.logger.warn(`skipping a message on ${topic} at ${message.offset}: not an envelope`);
      return undefined;
    }
    return { topic, envelope: raw as IncomingEvent['envelope'] };
  }
}
