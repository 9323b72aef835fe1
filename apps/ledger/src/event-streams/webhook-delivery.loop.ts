/**
 * The webhook delivery loop: every poll, the active webhook streams that are due (no backoff
 * pending, lease free) are stepped concurrently — each one sequentially, event after event, so
 * its order holds — until each is idle, waiting for a retry or has used its turn.
 */
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { Clock, PeriodicPasses } from '@strata/runtime';
import { EventStream } from './event-stream.entity';
import { WebhookDelivery } from './webhook-delivery';

const POLL_MS = 200;
/** Events one stream may deliver before the pass moves on (fairness between passes). */
const TURN = 100;
const STREAM_CONCURRENCY = 16;

@Injectable()
export class WebhookDeliveryLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDeliveryLoop.name);
  private passes: PeriodicPasses | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly delivery: WebhookDelivery,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.passes = new PeriodicPasses('webhook delivery', POLL_MS, () => this.pass(), this.logger);
    this.passes.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.passes?.stop();
  }

  /** One turn of every due stream; true when any event was delivered or dead-lettered. */
  async pass(): Promise<boolean> {
    const now = this.clock.now();
    const due = await this.orm.em.fork().find(
      EventStream,
      {
        status: 'active',
        type: 'webhook',
        $and: [
          { $or: [{ nextAttemptAt: null }, { nextAttemptAt: { $lte: now } }] },
          { $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }] },
        ],
      },
      { fields: ['id'], orderBy: { id: 'asc' } },
    );
    let progressed = false;
    for (let i = 0; i < due.length; i += STREAM_CONCURRENCY) {
      const batch = due.slice(i, i + STREAM_CONCURRENCY);
      const moved = await Promise.all(batch.map(({ id }) => this.turn(id)));
      progressed ||= moved.some(Boolean);
    }
    return progressed;
  }

  private async turn(streamId: string): Promise<boolean> {
    let moved = false;
    for (let i = 0; i < TURN && this.passes?.running === true; i++) {
      try {
        const step = await this.delivery.step(streamId);
        if (step === 'idle' || step === 'failed') return moved;
        moved = true;
      } catch (error) {
        this.logger.warn(`stream ${streamId}: delivery step failed: ${errorText(error)}`);
        return moved;
      }
    }
    return moved;
  }
}

const errorText = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
