/**
 * One delivery step of one webhook stream: claim the stream's lease (one ledger instance at a
 * time), take its head event — a re-driven dead letter first, else the next log event after its
 * position — POST it signed, then record the outcome. The position moves only after a 2xx
 * (at-least-once; receivers dedupe on the event id + `removed`); a failure waits with
 * exponential backoff, and after the stream's bound the event becomes a dead letter and the
 * stream moves on, so a failing receiver only ever holds up its own stream.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { MikroORM } from '@mikro-orm/postgresql';
import { type StreamDelivery, webhookRetrySchema } from '@strata/contracts';
import { Clock } from '@strata/runtime';
import { backoffMs, exhausted } from './delivery-backoff';
import { EventStreamMetrics } from './event-stream.metrics';
import { EventStream } from './event-stream.entity';
import { StreamDeadLetter } from './stream-dead-letter.entity';
import { StreamLogEvent } from './stream-log-event.entity';
import { streamSelection } from './stream-selection';
import { WEBHOOK_TIMEOUT_MS, type WebhookOutcome, WebhookSender } from './webhook-sender';
import { SIGNATURE_HEADER, signWebhookBody } from './webhook-signature';

export type DeliveryStep = 'idle' | 'delivered' | 'failed' | 'dead-lettered';

/** Long enough for one POST and its bookkeeping; a crashed holder's streams resume after it. */
const LEASE_MS = WEBHOOK_TIMEOUT_MS + 20_000;

interface HeadEvent {
  log: StreamLogEvent;
  letter: StreamDeadLetter | null;
}

@Injectable()
export class WebhookDelivery {
  /** This process's lease identity. */
  readonly owner = randomUUID();

  constructor(
    private readonly orm: MikroORM,
    private readonly sender: WebhookSender,
    private readonly clock: Clock,
    private readonly metrics: EventStreamMetrics,
  ) {}

  async step(streamId: string): Promise<DeliveryStep> {
    const em = this.orm.em.fork();
    if (!(await this.claim(em, streamId))) return 'idle';
    const stream = await em.findOneOrFail(EventStream, { id: streamId });
    const head = await this.headEvent(em, stream);
    if (!head) {
      await this.finish(streamId, (s) => {
        s.replayUntil = null;
        s.replayFromBlock = null;
      });
      return 'idle';
    }
    const body = JSON.stringify({
      streamId,
      sequence: head.log.seq,
      event: head.log.payload,
    } satisfies StreamDelivery);
    const outcome = await this.sender.post(stream.url ?? '', body, {
      [SIGNATURE_HEADER]: signWebhookBody(stream.secret ?? '', body),
      'strata-event-id': head.log.eventId,
      'strata-stream-id': streamId,
      'strata-sequence': String(head.log.seq),
      'strata-delivery-attempt': String(stream.attempts + 1),
    });
    const step = await this.record(streamId, head, outcome);
    this.metrics.delivery(step);
    return step;
  }

  private async claim(em: EntityManager, streamId: string): Promise<boolean> {
    const now = this.clock.now();
    const claimed = await em.nativeUpdate(
      EventStream,
      {
        id: streamId,
        status: 'active',
        type: 'webhook',
        $and: [
          { $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }] },
          { $or: [{ nextAttemptAt: null }, { nextAttemptAt: { $lte: now } }] },
        ],
      },
      { leaseOwner: this.owner, leaseUntil: new Date(now.getTime() + LEASE_MS) },
    );
    return claimed === 1;
  }

  private async headEvent(em: EntityManager, stream: EventStream): Promise<HeadEvent | null> {
    const letter = await em.findOne(
      StreamDeadLetter,
      { streamId: stream.id, status: 'redriving' },
      { orderBy: { seq: 'asc' } },
    );
    if (letter) {
      const log = await em.findOne(StreamLogEvent, { seq: letter.seq });
      if (log) return { log, letter };
    }
    const log = await em.findOne(StreamLogEvent, streamSelection(stream, stream.position), {
      orderBy: { seq: 'asc' },
    });
    return log ? { log, letter: null } : null;
  }

  private async record(
    streamId: string,
    head: HeadEvent,
    outcome: WebhookOutcome,
  ): Promise<Exclude<DeliveryStep, 'idle'>> {
    let step: Exclude<DeliveryStep, 'idle'> = 'delivered';
    await this.finish(streamId, async (stream, em) => {
      const now = this.clock.now();
      const letter = head.letter
        ? await em.findOne(StreamDeadLetter, { id: head.letter.id })
        : null;
      if (outcome.ok) {
        if (letter) letter.status = 'delivered';
        else this.advance(stream, head.log.seq);
        stream.attempts = 0;
        stream.lastError = null;
        stream.nextAttemptAt = null;
        return;
      }
      const attempts = stream.attempts + 1;
      const retry = stream.retry ?? webhookRetrySchema.parse({});
      stream.lastError = outcome.reason.slice(0, 1000);
      if (!exhausted(attempts, retry)) {
        step = 'failed';
        stream.attempts = attempts;
        stream.nextAttemptAt = new Date(now.getTime() + backoffMs(attempts, retry));
        return;
      }
      step = 'dead-lettered';
      await this.deadLetter(em, stream, head, letter, attempts, now);
      stream.attempts = 0;
      stream.nextAttemptAt = null;
    });
    return step;
  }

  private async deadLetter(
    em: EntityManager,
    stream: EventStream,
    head: HeadEvent,
    letter: StreamDeadLetter | null,
    attempts: number,
    now: Date,
  ): Promise<void> {
    const existing =
      letter ?? (await em.findOne(StreamDeadLetter, { streamId: stream.id, seq: head.log.seq }));
    if (existing) {
      existing.status = 'dead';
      existing.attempts = attempts;
      existing.lastError = stream.lastError ?? '';
      existing.updatedAt = now;
    } else {
      em.create(StreamDeadLetter, {
        id: randomUUID(),
        streamId: stream.id,
        seq: head.log.seq,
        eventId: head.log.eventId,
        removed: head.log.removed,
        blockNumber: head.log.blockNumber,
        status: 'dead',
        attempts,
        lastError: stream.lastError ?? '',
        createdAt: now,
        updatedAt: now,
      });
    }
    if (!letter) this.advance(stream, head.log.seq);
  }

  private advance(stream: EventStream, seq: number): void {
    stream.position = Math.max(stream.position, seq);
    if (stream.replayUntil != null && stream.position >= stream.replayUntil) {
      stream.replayUntil = null;
      stream.replayFromBlock = null;
    }
  }

  /** Applies the outcome and releases the lease, only if this process still holds it. */
  private async finish(
    streamId: string,
    apply: (stream: EventStream, em: EntityManager) => void | Promise<void>,
  ): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      const stream = await em.findOne(EventStream, { id: streamId, leaseOwner: this.owner });
      if (!stream) return;
      await apply(stream, em);
      stream.leaseOwner = null;
      stream.leaseUntil = null;
      stream.updatedAt = this.clock.now();
    });
  }
}
