/**
 * Prunes the event streams' log (`stream_log_event`), which otherwise grows with every contract
 * event. A row goes once it is older than the replay horizon AND every stream of its network
 * (not deleted) has delivered past it; never while a stream of the network is replaying, nor
 * while a dead letter that may be re-driven points at it. In batches, so no long lock is held;
 * every ledger instance runs it, concurrent deletes of the same rows are harmless.
 */
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Clock, PeriodicPasses } from '@strata/runtime';

export const STREAM_LOG_RETENTION = Symbol('STREAM_LOG_RETENTION');

export interface StreamLogRetention {
  /** Replay horizon: rows younger than this stay (a replay from a block needs them). */
  retentionMs: number;
  /** How often a pruning pass runs. */
  intervalMs: number;
}

export const DEFAULT_STREAM_LOG_RETENTION: StreamLogRetention = {
  retentionMs: 7 * 24 * 60 * 60 * 1000,
  intervalMs: 10 * 60 * 1000,
};

const BATCH = 5_000;

/** Deletes every prunable row received before `cutoff`; returns how many. */
export async function pruneStreamLog(em: EntityManager, cutoff: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await em.execute<{ affectedRows: number }>(
      `delete from ledger.stream_log_event where seq in (
         select l.seq from ledger.stream_log_event l
         where l.received_at < ?
           and l.seq <= coalesce((select min(s.position) from ledger.event_stream s
                                  where s.network_id = l.network_id and s.status <> 'deleted'),
                                 9223372036854775807)
           and not exists (select 1 from ledger.event_stream s
                           where s.network_id = l.network_id and s.status <> 'deleted'
                             and s.replay_until is not null)
           and not exists (select 1 from ledger.stream_dead_letter d
                           where d.seq = l.seq and d.status <> 'delivered')
         order by l.seq limit ${BATCH})`,
      [cutoff],
      'run',
    );
    total += result.affectedRows;
    if (result.affectedRows < BATCH) return total;
  }
}

@Injectable()
export class StreamLogPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StreamLogPruner.name);
  private passes: PeriodicPasses | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly clock: Clock,
    @Inject(STREAM_LOG_RETENTION) private readonly retention: StreamLogRetention,
  ) {}

  onApplicationBootstrap(): void {
    this.passes = new PeriodicPasses(
      'stream log pruning',
      this.retention.intervalMs,
      async () => {
        const cutoff = new Date(this.clock.now().getTime() - this.retention.retentionMs);
        const pruned = await pruneStreamLog(this.orm.em.fork(), cutoff);
        if (pruned > 0) this.logger.log(`pruned ${pruned} stream log events`);
      },
      this.logger,
    );
    this.passes.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.passes?.stop();
  }
}
