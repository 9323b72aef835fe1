/**
 * Deletes outbox rows some time after the relay published them: the outbox is a delivery queue,
 * not a history (audit trails are their own tables), and without pruning it grows with every
 * state change. Rows are deleted in small batches so no long lock is held; unpublished rows are
 * never touched. Runs in every instance; concurrent deletes of the same rows are harmless.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from './logger';

export interface OutboxPrunerOptions {
  schema: string;
  /** How long a published row is kept (for debugging and redelivery questions). Default 24 h. */
  retentionMs?: number;
  /** How often a pruning pass runs. Default 10 min. */
  intervalMs?: number;
  /** Rows deleted per statement. Default 5,000. */
  batchSize?: number;
}

export const DEFAULT_OUTBOX_RETENTION_MS = 24 * 60 * 60 * 1000;

/** What the pruner needs from the database: one statement returning the affected row count. */
export interface PruneStatements {
  deletePublishedBefore(cutoff: Date, limit: number): Promise<number>;
}

export class OutboxPruner {
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> = Promise.resolve();
  private running = false;

  constructor(
    private readonly statements: PruneStatements,
    private readonly logger: Logger,
    private readonly options: Omit<OutboxPrunerOptions, 'schema'> = {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  static forSchema(orm: MikroORM, logger: Logger, options: OutboxPrunerOptions): OutboxPruner {
    const statements: PruneStatements = {
      deletePublishedBefore: async (cutoff, limit) => {
        const result = await orm.em
          .fork()
          .getConnection()
          .execute<{ affectedRows: number }>(
            `delete from "${options.schema}".outbox_message where seq in (select seq from "${options.schema}".outbox_message where published_at is not null and published_at < ? order by seq limit ${Math.floor(limit)})`,
            [cutoff],
            'run',
          );
        return result.affectedRows;
      },
    };
    return new OutboxPruner(statements, logger, options);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.pass;
  }

  /** Deletes every row published before the retention cutoff; returns how many. */
  async prune(): Promise<number> {
    const cutoff = new Date(
      this.now().getTime() - (this.options.retentionMs ?? DEFAULT_OUTBOX_RETENTION_MS),
    );
    const limit = this.options.batchSize ?? 5_000;
    let total = 0;
    for (;;) {
      const deleted = await this.statements.deletePublishedBefore(cutoff, limit);
      total += deleted;
      if (deleted < limit) return total;
    }
  }

  private schedule(): void {
    this.timer = setTimeout(
      () => {
        this.pass = this.prune()
          .then((n) => {
            if (n > 0) this.logger.info({ pruned: n }, 'pruned published outbox rows');
          })
          .catch((error: unknown) =>
            this.logger.warn({ err: error }, 'outbox pruning failed; retrying later'),
          )
          .finally(() => {
            if (this.running) this.schedule();
          });
      },
      this.options.intervalMs ?? 10 * 60 * 1000,
    );
    this.timer.unref();
  }
}
