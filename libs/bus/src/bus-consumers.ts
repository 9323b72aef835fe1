/**
 * Consumers of commands, events and queries. One Kafka consumer group per (app, topic), so a
 * slow topic never holds up another.
 * - Commands and events: processed in one transaction with an inbox row (duplicate deliveries are
 *   recognised and, for commands, answered with the stored reply) and the outbox rows they add;
 *   the offset is committed only after that transaction. Unexpected failures are retried a
 *   bounded number of times with backoff, then the message is dead-lettered and, for a command,
 *   answered with an internal problem so no caller waits forever.
 * - Queries: answered directly, never retried (the asker retries).
 */
import type { Consumer, KafkaMessage } from 'kafkajs';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { type Envelope, type Reply } from '@strata/contracts';
import { decodeEnvelope, createEnvelope, MalformedEnvelopeError } from './envelopes';
import { InboxMessage } from './entities';
import type { KafkaBus } from './kafka-bus';
import type { Logger } from './logger';
import { OutboxWriter } from './outbox';
import type { OutboxRelay } from './outbox-relay';
import { DomainProblem, INTERNAL_PROBLEM } from './problems';
import { publishDeadLetter } from './dead-letter';
import {
  FinishedPrefix,
  forEachConcurrently,
  groupByKey,
  KEY_CONCURRENCY,
  QUERY_CONCURRENCY,
} from './batch-processing';
import { processRun, RUN_LIMIT, type RunEntry, type RunPorts, singleCommand } from './command-runs';
import { EVENT_RUN_LIMIT, type EventRunHandler, processEventRun } from './event-runs';
import type {
  CommandHandler,
  CommandRunHandler,
  EventHandler,
  EventOptions,
  QueryHandler,
  TransactionalContext,
} from './handlers';

export interface RetryPolicy {
  maxAttempts: number;
  initialBackoffMs: number;
}

type Kind = 'command' | 'event' | 'query';

/** One Kafka message as a handler needs it. */
interface Delivery {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

interface Registration {
  kind: Kind;
  topic: string;
  consumerName: string;
  schema: z.ZodType;
  handle: (payload: Delivery, envelope: Envelope) => Promise<void>;
  /** `onCommandRun`/`onEventRun`: a key's consecutive messages in one go, up to `runLimit`. */
  handleRun?: (deliveries: Delivery[]) => Promise<void>;
  runLimit?: number;
}

const keyOf = (delivery: Delivery): string => delivery.message.key?.toString('utf8') ?? '';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class BusConsumers {
  private readonly registrations: Registration[] = [];
  private readonly consumers: Consumer[] = [];
  /** Consumer groups this process has joined (it receives their messages). */
  private readonly joined = new Set<string>();

  constructor(
    private readonly bus: KafkaBus,
    private readonly orm: MikroORM,
    private readonly relay: OutboxRelay,
    private readonly logger: Logger,
    private readonly retry: RetryPolicy = { maxAttempts: 5, initialBackoffMs: 200 },
  ) {}

  onCommand<P, R>(topic: string, schema: z.ZodType<P>, handler: CommandHandler<P, R>): void {
    this.register('command', topic, schema, (kafka, envelope) =>
      this.processTransactional(kafka, envelope, schema, handler, true),
    );
  }

  /**
   * Like `onCommand`, but a batch's consecutive commands of one key are handed to the handler
   * together and processed in one transaction (see command-runs.ts).
   */
  onCommandRun<P, R>(topic: string, schema: z.ZodType<P>, handler: CommandRunHandler<P, R>): void {
    const alone = singleCommand(handler);
    this.register('command', topic, schema, (kafka, envelope) =>
      this.processTransactional(kafka, envelope, schema, alone, true),
    );
    const registration = this.registrations[this.registrations.length - 1];
    registration.handleRun = (deliveries) =>
      this.processRunOf(registration, deliveries, schema, handler);
  }

  onEvent<P>(
    topic: string,
    schema: z.ZodType<P>,
    handler: EventHandler<P>,
    options: EventOptions<P> = {},
  ): void {
    const { relevant } = options;
    this.register('event', topic, schema, async (kafka, envelope) => {
      // A payload that does not parse takes the normal path, which records its rejection.
      const parsed = relevant ? schema.safeParse(envelope.payload) : undefined;
      if (relevant && parsed?.success && !relevant(parsed.data)) return;
      await this.processTransactional(kafka, envelope, schema, handler, false);
    });
  }

  /**
   * Like `onEvent` for a handler idempotent by the event's content: a batch's consecutive events
   * of one key are handed to it together, in one transaction and without an inbox row each (see
   * event-runs.ts). Alone (a run that failed, a payload that does not parse) an event takes the
   * `onEvent` path.
   */
  onEventRun<P>(topic: string, schema: z.ZodType<P>, handler: EventRunHandler<P>): void {
    this.register('event', topic, schema, (kafka, envelope) =>
      this.processTransactional(
        kafka,
        envelope,
        schema,
        (context) => handler(context.em, [context]),
        false,
      ),
    );
    const registration = this.registrations[this.registrations.length - 1];
    registration.runLimit = EVENT_RUN_LIMIT;
    registration.handleRun = async (deliveries) => {
      const entries = await this.runEntriesOf(registration, deliveries);
      if (entries.length === 0) return;
      const ports = {
        orm: this.orm,
        warn: (error: unknown, message: string) =>
          this.logger.warn({ err: error, topic: registration.topic }, message),
      };
      await processEventRun(ports, keyOf(deliveries[0]), entries, schema, handler);
    };
  }

  onQuery<P, R>(topic: string, schema: z.ZodType<P>, handler: QueryHandler<P, R>): void {
    this.register('query', topic, schema, async (kafka, envelope) => {
      const reply = await this.answerQuery(kafka, envelope, schema, handler);
      await this.sendReply(envelope, kafka.message.key?.toString('utf8') ?? '', reply);
    });
  }

  /**
   * Starts every registered consumer at once: kafkajs's `run` returns once its group is joined,
   * and a join waits for the group's other members to rejoin (up to a heartbeat interval), so
   * starting ~30 groups one after the other kept a second instance joining — and each group
   * pausing in turn — for over a minute.
   */
  async start(): Promise<void> {
    await this.bus.ensureTopics(this.registrations.map((r) => r.topic));
    await Promise.all(this.registrations.map((registration) => this.startConsumer(registration)));
  }

  private async startConsumer(registration: Registration): Promise<void> {
    const consumer = this.bus.consumer(registration.consumerName);
    consumer.on(consumer.events.GROUP_JOIN, () => this.joined.add(registration.consumerName));
    // Registered before it runs, so stop() disconnects it even if start() is still going.
    this.consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({
      topics: [this.bus.wireName(registration.topic)],
      fromBeginning: true,
    });
    const partitionsConsumedConcurrently = this.bus.options.partitions ?? 3;
    if (registration.kind === 'query') {
      // Queries change nothing and need no order: a batch is answered concurrently.
      await consumer.run({
        partitionsConsumedConcurrently,
        eachBatch: async ({ batch }) => {
          await forEachConcurrently(batch.messages, QUERY_CONCURRENCY, (message) =>
            this.dispatch(registration, {
              topic: batch.topic,
              partition: batch.partition,
              message,
            }),
          );
        },
      });
    } else {
      // Commands and events keep the order of their key (the aggregate); different keys of a
      // batch are processed concurrently. Offsets advance only over a finished prefix.
      await consumer.run({
        partitionsConsumedConcurrently,
        eachBatchAutoResolve: false,
        eachBatch: async (payload) => {
          const { batch } = payload;
          const progress = new FinishedPrefix(batch.messages, (offset) =>
            payload.resolveOffset(offset),
          );
          await forEachConcurrently(groupByKey(batch.messages), KEY_CONCURRENCY, async (group) => {
            if (registration.handleRun) {
              const limit = registration.runLimit ?? RUN_LIMIT;
              for (let at = 0; at < group.length; at += limit) {
                if (!payload.isRunning() || payload.isStale()) return;
                const run = group.slice(at, at + limit);
                await registration.handleRun(
                  run.map((message) => ({
                    topic: batch.topic,
                    partition: batch.partition,
                    message,
                  })),
                );
                run.forEach((message) => progress.finished(message));
                await payload.heartbeat();
              }
              return;
            }
            for (const message of group) {
              // After a rebalance the rest is redelivered to whoever owns the partition now.
              if (!payload.isRunning() || payload.isStale()) return;
              await this.dispatch(registration, {
                topic: batch.topic,
                partition: batch.partition,
                message,
              });
              progress.finished(message);
              await payload.heartbeat();
            }
          });
        },
      });
    }
  }

  /** Decodes the envelope (dead-lettering what is not one) and hands the message to its handler. */
  private async dispatch(registration: Registration, delivery: Delivery): Promise<void> {
    let envelope: Envelope;
    try {
      envelope = decodeEnvelope(delivery.message.value);
    } catch (error) {
      const reason = error instanceof MalformedEnvelopeError ? error.message : String(error);
      this.logger.warn(
        { topic: registration.topic, offset: delivery.message.offset, reason },
        'dead-lettering malformed message',
      );
      await publishDeadLetter(this.bus, {
        topic: registration.topic,
        partition: delivery.partition,
        message: delivery.message,
        consumer: registration.consumerName,
        reason,
        attempts: 0,
      });
      return;
    }
    await registration.handle(delivery, envelope);
  }

  /**
   * Ready once every consumer group has been joined. After a crash this takes until Kafka expels
   * the dead member (the session timeout): until then the app would accept no command.
   */
  notJoined(): string[] {
    return this.registrations.map((r) => r.consumerName).filter((name) => !this.joined.has(name));
  }

  async stop(): Promise<void> {
    this.joined.clear();
    await Promise.allSettled(this.consumers.map((consumer) => consumer.disconnect()));
    this.consumers.length = 0;
  }

  private register(
    kind: Kind,
    topic: string,
    schema: z.ZodType,
    handle: Registration['handle'],
  ): void {
    this.registrations.push({
      kind,
      topic,
      schema,
      handle,
      consumerName: this.consumerName(topic),
    });
  }

  private consumerName(topic: string): string {
    return `${this.bus.options.app}:${topic}`;
  }

  /** A run's envelopes; malformed ones are dead-lettered one by one first. */
  private async runEntriesOf(
    registration: Registration,
    deliveries: Delivery[],
  ): Promise<RunEntry[]> {
    const entries: RunEntry[] = [];
    for (const delivery of deliveries) {
      let envelope: Envelope;
      try {
        envelope = decodeEnvelope(delivery.message.value);
      } catch {
        await this.dispatch(registration, delivery);
        continue;
      }
      entries.push({ envelope, alone: () => registration.handle(delivery, envelope) });
    }
    return entries;
  }

  /** A run of one key's commands (see command-runs.ts). */
  private async processRunOf<P, R>(
    registration: Registration,
    deliveries: Delivery[],
    schema: z.ZodType<P>,
    handler: CommandRunHandler<P, R>,
  ): Promise<void> {
    const entries = await this.runEntriesOf(registration, deliveries);
    if (entries.length === 0) return;
    const key = keyOf(deliveries[0]);
    const consumer = registration.consumerName;
    const ports: RunPorts = {
      orm: this.orm,
      relay: this.relay,
      recordInbox: (em, envelope, outcome, reply) =>
        this.recordInbox(em, consumer, registration.topic, envelope, outcome, reply),
      queueReply: (outbox, envelope, reply) => this.queueReply(outbox, envelope, key, reply),
      sendReply: (envelope, reply) => this.sendReply(envelope, key, reply),
      warn: (error, message) =>
        this.logger.warn({ err: error, topic: registration.topic }, message),
    };
    await processRun(ports, consumer, key, entries, schema, handler);
  }

  private async processTransactional<P, R>(
    kafka: Delivery,
    envelope: Envelope,
    schema: z.ZodType<P>,
    handler: (context: TransactionalContext<P>) => Promise<R | void>,
    replies: boolean,
  ): Promise<void> {
    const topic = this.bus.logicalName(kafka.topic);
    const consumer = this.consumerName(topic);
    const key = kafka.message.key?.toString('utf8') ?? '';
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.runOnce(
          consumer,
          topic,
          key,
          envelope,
          schema,
          handler,
          replies,
        );
        if (outcome.duplicateReply) await this.sendReply(envelope, key, outcome.duplicateReply);
        this.relay.wake();
        return;
      } catch (error) {
        if (attempt >= this.retry.maxAttempts) {
          this.logger.error(
            { err: error, topic, messageId: envelope.id, attempts: attempt },
            'dead-lettering message after bounded retries',
          );
          await publishDeadLetter(this.bus, {
            topic,
            partition: kafka.partition,
            message: kafka.message,
            consumer,
            reason: String(error),
            attempts: attempt,
          });
          await this.recordDeadLetter(consumer, topic, envelope, key, replies).catch(
            (recordError: unknown) =>
              this.logger.error({ err: recordError }, 'could not record dead-lettered message'),
          );
          return;
        }
        this.logger.warn(
          { err: error, topic, messageId: envelope.id, attempt },
          'handler failed; retrying',
        );
        await sleep(this.retry.initialBackoffMs * 2 ** (attempt - 1));
      }
    }
  }

  /** One transactional attempt. Returns the stored reply when the message was seen before. */
  private async runOnce<P, R>(
    consumer: string,
    topic: string,
    key: string,
    envelope: Envelope,
    schema: z.ZodType<P>,
    handler: (context: TransactionalContext<P>) => Promise<R | void>,
    replies: boolean,
  ): Promise<{ duplicateReply?: Reply }> {
    const seen = await this.orm.em
      .fork()
      .findOne(InboxMessage, { consumer, messageId: envelope.id });
    if (seen)
      return {
        duplicateReply: replies && seen.reply ? (seen.reply as unknown as Reply) : undefined,
      };
    try {
      await this.orm.em.fork().transactional(async (em) => {
        const parsed = schema.safeParse(envelope.payload);
        if (!parsed.success) throw DomainProblem.invalid(parsed.error);
        const outbox = new OutboxWriter(em, {
          actor: envelope.actor,
          correlationId: envelope.correlationId ?? envelope.id,
          causationId: envelope.id,
        });
        const result = await handler({
          em,
          outbox,
          envelope,
          payload: parsed.data,
          actor: envelope.actor,
          key,
        });
        const reply: Reply | null = replies ? { ok: true, result: result ?? null } : null;
        this.recordInbox(em, consumer, topic, envelope, 'processed', reply);
        if (reply) this.queueReply(outbox, envelope, key, reply);
      });
    } catch (error) {
      if (!(error instanceof DomainProblem)) throw error;
      await this.orm.em.fork().transactional(async (em) => {
        const reply: Reply | null = replies ? { ok: false, problem: error.problem } : null;
        this.recordInbox(em, consumer, topic, envelope, 'rejected', reply);
        if (reply) this.queueReply(new OutboxWriter(em), envelope, key, reply);
      });
      this.logger.info(
        { topic, messageId: envelope.id, problem: error.problem.code },
        'message rejected',
      );
    }
    return {};
  }

  private recordInbox(
    em: TransactionalContext<unknown>['em'],
    consumer: string,
    topic: string,
    envelope: Envelope,
    outcome: 'processed' | 'rejected' | 'dead-lettered',
    reply: Reply | null,
  ): void {
    em.create(InboxMessage, {
      consumer,
      messageId: envelope.id,
      topic,
      outcome,
      reply: reply,
    });
  }

  private queueReply(outbox: OutboxWriter, envelope: Envelope, key: string, reply: Reply): void {
    if (!envelope.replyTo) return;
    outbox.add({
      topic: envelope.replyTo,
      key,
      payload: reply,
      correlationId: envelope.id,
      causationId: envelope.id,
    });
  }

  private async recordDeadLetter(
    consumer: string,
    topic: string,
    envelope: Envelope,
    key: string,
    replies: boolean,
  ): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      const reply: Reply | null = replies ? { ok: false, problem: INTERNAL_PROBLEM } : null;
      this.recordInbox(em, consumer, topic, envelope, 'dead-lettered', reply);
      if (reply) this.queueReply(new OutboxWriter(em), envelope, key, reply);
    });
  }

  private async answerQuery<P, R>(
    kafka: Delivery,
    envelope: Envelope,
    schema: z.ZodType<P>,
    handler: QueryHandler<P, R>,
  ): Promise<Reply> {
    const parsed = schema.safeParse(envelope.payload);
    if (!parsed.success) return { ok: false, problem: DomainProblem.invalid(parsed.error).problem };
    try {
      const result = await handler({
        em: this.orm.em.fork(),
        envelope,
        payload: parsed.data,
        actor: envelope.actor,
        key: kafka.message.key?.toString('utf8') ?? '',
      });
      return { ok: true, result };
    } catch (error) {
      if (error instanceof DomainProblem) return { ok: false, problem: error.problem };
      this.logger.error(
        { err: error, topic: envelope.type, messageId: envelope.id },
        'query failed',
      );
      return { ok: false, problem: INTERNAL_PROBLEM };
    }
  }

  private async sendReply(request: Envelope, key: string, reply: Reply): Promise<void> {
    if (!request.replyTo) return;
    await this.bus.publish([
      {
        topic: request.replyTo,
        key,
        envelope: createEnvelope({
          type: request.replyTo,
          payload: reply,
          correlationId: request.id,
          causationId: request.id,
        }),
      },
    ]);
  }
}
