/**
 * Sends the alert webhook deliveries the AlertBook stored: each is POSTed as JSON
 * (`{ event: 'alert-raised' | 'alert-resolved', alert }`, header `X-Strata-Delivery` = its id,
 * which receivers use to drop duplicates: a crash after sending and before recording resends).
 * A 2xx answer completes it; anything else is retried with doubling backoff (1 s up to 5 min)
 * and given up after MAX_ATTEMPTS (its last error stays on the row for operators). Sent through
 * WebhookPoster: public addresses only, unless STRATA_WEBHOOK_ALLOWED_PRIVATE_CIDRS allows a
 * private range (no request forgery into the operator's network); redirects are not followed.
 */
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { Clock, PeriodicPasses, WebhookPoster, WebhookTargets } from '@strata/runtime';
import { AlertWebhookDelivery } from './monitoring.entities';
import { MonitoringMetrics } from './monitoring-metrics';

export const MAX_ATTEMPTS = 10;
const TICK_MS = 1_000;
const TIMEOUT_MS = 5_000;
const BATCH = 20;

export function nextAttemptDelayMs(attempts: number): number {
  return Math.min(1_000 * 2 ** Math.max(0, attempts - 1), 300_000);
}

@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private passes: PeriodicPasses | undefined;

  private readonly poster: WebhookPoster;

  constructor(
    private readonly orm: MikroORM,
    private readonly clock: Clock,
    private readonly metrics: MonitoringMetrics,
    targets: WebhookTargets,
  ) {
    this.poster = new WebhookPoster(targets, TIMEOUT_MS);
  }

  onApplicationBootstrap(): void {
    this.passes = new PeriodicPasses('webhook', TICK_MS, () => this.deliverDue(), this.logger);
    this.passes.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.passes?.stop();
    await this.poster.close();
  }

  /** Sends every due delivery once (rows locked, skipped by other instances). */
  async deliverDue(): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      const due = await em.find(
        AlertWebhookDelivery,
        { deliveredAt: null, nextAttemptAt: { $lte: this.clock.now() } },
        {
          orderBy: { createdAt: 'asc' },
          limit: BATCH,
          lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE,
        },
      );
      for (const delivery of due) await this.send(delivery);
    });
  }

  private async send(delivery: AlertWebhookDelivery): Promise<void> {
    delivery.attempts += 1;
    const error = await this.post(delivery);
    const now = this.clock.now();
    if (!error) {
      delivery.deliveredAt = now;
      delivery.nextAttemptAt = null;
      delivery.lastError = null;
      return;
    }
    this.metrics.webhookFailed(delivery.networkId);
    delivery.lastError = error;
    delivery.nextAttemptAt =
      delivery.attempts >= MAX_ATTEMPTS
        ? null
        : new Date(now.getTime() + nextAttemptDelayMs(delivery.attempts));
  }

  /** The error, or undefined when the receiver answered 2xx. */
  private async post(delivery: AlertWebhookDelivery): Promise<string | undefined> {
    const outcome = await this.poster.post(delivery.url, JSON.stringify(delivery.body), {
      'x-strata-delivery': delivery.id,
    });
    return outcome.ok ? undefined : outcome.reason;
  }
}
