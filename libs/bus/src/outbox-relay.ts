/**
 * Publishes outbox rows to Kafka. Runs in every instance of an app; `FOR UPDATE SKIP LOCKED`
 * lets instances share the work without publishing a row twice concurrently. It is woken right
 * after a commit (low latency) and also polls (nothing is lost when a wake-up is missed or the
 * process restarts).
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from './logger';
import type { KafkaBus, OutgoingMessage } from './kafka-bus';
import type { Envelope } from '@strata/contracts';

interface OutboxRow {
  seq: string;
  topic: string;
  key: string;
  envelope: Envelope;
}

export class OutboxRelay {
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> = Promise.resolve();
  private wakeRequested = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly bus: KafkaBus,
    private readonly logger: Logger,
    private readonly options: { schema: string; pollIntervalMs?: number; batchSize?: number },
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.pass;
  }

  /** Asks for a pass as soon as possible (called after a transaction that wrote to the outbox). */
  wake(): void {
    if (!this.running) return;
    this.wakeRequested = true;
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.pass = this.pass.then(() => this.drain());
    }, delayMs);
  }

  private async drain(): Promise<void> {
    if (!this.running) return;
    this.wakeRequested = false;
    let published = 0;
    try {
      // A short batch drained the table: stop there instead of paying a transaction for an
      // empty look (a wake-up or the poll brings the next rows).
      do {
        published = await this.publishBatch();
      } while (published === this.batchSize() && this.running);
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox relay pass failed; retrying');
    }
    if (this.running) this.schedule(this.wakeRequested ? 0 : (this.options.pollIntervalMs ?? 500));
  }

  private batchSize(): number {
    return this.options.batchSize ?? 200;
  }

  /** Publishes one batch in one transaction; returns how many rows it published. */
  async publishBatch(): Promise<number> {
    const em = this.orm.em.fork();
    const limit = this.batchSize();
    return em.transactional(async (tx) => {
      const rows = await tx
        .getConnection()
        .execute<OutboxRow[]>(
          `select seq, topic, key, envelope from "${this.options.schema}".outbox_message where published_at is null order by seq limit ${limit} for update skip locked`,
          [],
          'all',
          tx.getTransactionContext(),
        );
      if (rows.length === 0) return 0;
      const messages: OutgoingMessage[] = rows.map((row) => ({
        topic: row.topic,
        key: row.key,
        envelope: row.envelope,
      }));
      await this.bus.publish(messages);
      await tx.getConnection().execute(
        `update "${this.options.schema}".outbox_message set published_at = now() where seq in (${rows.map(() => '?').join(',')})`,
        rows.map((row) => row.seq),
        'run',
        tx.getTransactionContext(),
      );
      return rows.length;
    });
  }
}
