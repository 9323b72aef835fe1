/**
 * The event sync loop: steps each active listener (listener-sync.ts) until it has caught up,
 * each step in its own database transaction with the listener row locked (SKIP LOCKED), so
 * several ledger instances share the work without delivering a window twice. A pass runs when a
 * network with active listeners has a new head (new-heads.ts) and at least every poll interval.
 */
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { Clock } from '@strata/runtime';
import { LedgerNetwork } from '../networks/ledger-network.entity';
import { retryDelayMs } from './block-range';
import { EventListener } from './event-listener.entity';
import { EVENT_SYNC_SETTINGS, type EventSyncSettings } from './event-sync.settings';
import { ListenerSync, type StepOutcome } from './listener-sync';
import { NewHeads } from './new-heads';

@Injectable()
export class EventSyncLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EventSyncLoop.name);
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  /** Listeners whose last steps failed: how often, and when to try again. */
  private readonly failing = new Map<string, { failures: number; retryAt: number }>();
  private readonly heads: NewHeads;
  /** Set by a new head; a pass clears it when it starts. */
  private woken = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly sync: ListenerSync,
    private readonly clock: Clock,
    @Inject(EVENT_SYNC_SETTINGS) private readonly settings: EventSyncSettings,
  ) {
    this.heads = new NewHeads(settings, () => this.wakeUp());
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.heads.stop();
    this.wake?.();
    await this.loop;
  }

  /** A new head: run a pass now (or right after the one in progress). */
  wakeUp(): void {
    this.woken = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let progressed = false;
      try {
        progressed = await this.pass();
      } catch (error) {
        this.logger.warn(`event sync pass failed: ${errorText(error)}`);
      }
      if (!progressed && !this.woken && this.running) await this.pause();
    }
  }

  private pause(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.settings.pollIntervalMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => (this.wake = undefined));
  }

  /** One step of every active listener; true when any of them moved. */
  async pass(): Promise<boolean> {
    this.woken = false;
    const em = this.orm.em.fork();
    const listeners = await em.find(
      EventListener,
      { status: 'active' },
      { fields: ['id', 'networkId'], orderBy: { id: 'asc' } },
    );
    const networkIds = [...new Set(listeners.map((l) => l.networkId))];
    const networks =
      networkIds.length === 0
        ? []
        : await em.find(LedgerNetwork, { id: { $in: networkIds } }, { fields: ['rpcUrl'] });
    try {
      this.heads.follow(networks.map((n) => n.rpcUrl));
    } catch (error) {
      // Only the wake-ups are lost: the periodic pass still syncs every listener.
      this.logger.warn(`new heads not followed: ${errorText(error)}`);
    }
    const outcomes = await Promise.all(listeners.map(({ id }) => this.stepListener(id)));
    return outcomes.some((o) => o === 'progressed' || o === 'reorged' || o === 'refused');
  }

  private async stepListener(id: string): Promise<StepOutcome> {
    const failing = this.failing.get(id);
    if (failing && failing.retryAt > this.clock.now().getTime()) return 'idle';
    try {
      const outcome = await this.orm.em.fork().transactional(async (em) => {
        const listener = await em.findOne(
          EventListener,
          { id, status: 'active' },
          { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
        );
        if (!listener) return 'idle';
        const network = await em.findOne(LedgerNetwork, { id: listener.networkId });
        if (!network) return 'idle';
        return this.sync.step(em, listener, network.rpcUrl);
      });
      this.failing.delete(id);
      return outcome;
    } catch (error) {
      const failures = (failing?.failures ?? 0) + 1;
      // Not the poll interval: a long one (heads drive the loop) must not slow down recovery.
      const delay = retryDelayMs(failures, Math.min(this.settings.pollIntervalMs, 1_000));
      this.failing.set(id, { failures, retryAt: this.clock.now().getTime() + delay });
      this.logger.warn(
        `listener ${id}: sync step failed (${failures}x, next in ${delay} ms): ${errorText(error)}`,
      );
      return 'idle';
    }
  }
}

const errorText = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
