/**
 * Kafka implementation of {@link Requester}. Replies come back on this app's reply topic; every
 * instance reads it in a consumer group of its own (starting at the latest offset) and keeps only
 * the replies it is waiting for, matched by correlation id = request id.
 */
import { randomUUID } from 'node:crypto';
import type { Consumer } from 'kafkajs';
import { replySchema, type Reply, Topics } from '@strata/contracts';
import { createEnvelope, decodeEnvelope } from './envelopes';
import type { KafkaBus } from './kafka-bus';
import type { Logger } from './logger';
import { BusTimeoutError, type BusRequest, Requester } from './requester';

interface Waiter {
  resolve: (reply: Reply) => void;
}

export class KafkaRequester extends Requester {
  private readonly waiters = new Map<string, Set<Waiter>>();
  private consumer: Consumer | undefined;

  constructor(
    private readonly bus: KafkaBus,
    private readonly logger: Logger,
    private readonly defaultTimeoutMs = 10_000,
  ) {
    super();
  }

  private get replyTopic(): string {
    return Topics.replies(this.bus.options.app);
  }

  async start(): Promise<void> {
    await this.bus.ensureTopics([this.replyTopic]);
    const consumer = this.bus.consumer(
      `${this.bus.options.app}:replies:${this.bus.options.instanceId}`,
    );
    await consumer.connect();
    await consumer.subscribe({
      topics: [this.bus.wireName(this.replyTopic)],
      fromBeginning: false,
    });
    const joined = new Promise<void>((resolve) =>
      consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
    );
    await consumer.run({ eachMessage: async ({ message }) => this.deliver(message.value) });
    await joined;
    this.consumer = consumer;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  async request<R>(
    topic: string,
    request: BusRequest,
    timeoutMs = this.defaultTimeoutMs,
  ): Promise<Reply<R>> {
    const id = request.id ?? randomUUID();
    const envelope = createEnvelope({
      id,
      type: topic,
      payload: request.payload,
      actor: request.actor,
      correlationId: request.correlationId ?? id,
      replyTo: this.replyTopic,
    });
    let waiter: Waiter | undefined;
    let timer: NodeJS.Timeout | undefined;
    const reply = new Promise<Reply>((resolve, reject) => {
      waiter = { resolve };
      const set = this.waiters.get(id) ?? new Set<Waiter>();
      set.add(waiter);
      this.waiters.set(id, set);
      timer = setTimeout(() => reject(new BusTimeoutError(topic, id, timeoutMs)), timeoutMs);
    });
    try {
      // The timeout covers publishing too: a broker that hangs makes the request time out, not hang.
      const outcome = this.bus.publish([{ topic, key: request.key, envelope }]).then(() => reply);
      outcome.catch(() => undefined);
      return (await Promise.race([outcome, reply])) as Reply<R>;
    } finally {
      clearTimeout(timer);
      const set = this.waiters.get(id);
      if (set && waiter) {
        set.delete(waiter);
        if (set.size === 0) this.waiters.delete(id);
      }
    }
  }

  private deliver(value: Buffer | null): void {
    try {
      const envelope = decodeEnvelope(value);
      const set = envelope.correlationId ? this.waiters.get(envelope.correlationId) : undefined;
      if (!set) return;
      const parsed = replySchema.safeParse(envelope.payload);
      const reply: Reply = parsed.success
        ? parsed.data
        : {
            ok: false,
            problem: {
              code: 'bad-reply',
              status: 502,
              title: 'Malformed reply from a platform service',
            },
          };
      set.forEach((waiter) => waiter.resolve(reply));
    } catch (error) {
      this.logger.warn({ err: error }, 'ignoring malformed reply');
    }
  }
}
