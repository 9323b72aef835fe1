/**
 * Event streams of a network: created (filter checked against the network's listeners, a
 * webhook secret generated and returned once), paused, resumed, deleted, replayed from a block
 * and their dead letters re-driven; every change is audited through the outbox without the
 * secret. Reads are scoped like the listeners'.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type Actor,
  type AckEventStreamCommand,
  type ChangeEventStreamCommand,
  type ClaimEventStreamSocketCommand,
  type CreatedEventStream,
  type CreateEventStreamCommand,
  type EventStream as EventStreamDto,
  EventStreamTopics,
  webhookRetrySchema,
} from '@strata/contracts';
import { DomainProblem, type OutboxWriter } from '@strata/bus';
import { Clock, WebhookTargets } from '@strata/runtime';
import { getAddress } from 'ethers';
import { EventListener } from '../event-sync';
import { networkFor } from '../networks/network-access';
import { EventStream, toEventStreamDto } from './event-stream.entity';
import { checkSocketOf, findStream, invalidField, writerScope } from './stream-access';
import { StreamDeadLetter } from './stream-dead-letter.entity';
import { StreamLogEvent } from './stream-log-event.entity';
import { newWebhookSecret } from './webhook-signature';

@Injectable()
export class EventStreamsService {
  constructor(
    private readonly clock: Clock,
    private readonly targets: WebhookTargets,
  ) {}

  async create(
    em: EntityManager,
    outbox: OutboxWriter,
    command: CreateEventStreamCommand,
    actor: Actor | undefined,
  ): Promise<CreatedEventStream> {
    const { organisationId } = writerScope(actor);
    const { networkId, stream: request } = command;
    await networkFor(em, networkId, organisationId, actor);
    if (request.type === 'webhook') {
      // An IP literal is judged now; a host name each time it is resolved (webhook-sender.ts).
      const refusal = this.targets.refusalOfUrl(request.url);
      if (refusal) throw invalidField('url', `may not be used: ${refusal}`);
    }
    const { listenerId } = request.filter;
    const global = actor?.roles.includes('platform-admin');
    if (listenerId) {
      await this.checkListener(em, networkId, listenerId, global ? undefined : organisationId);
    }
    const head = await this.logHead(em);
    const now = this.clock.now();
    const webhook = request.type === 'webhook';
    const stream = em.create(EventStream, {
      id: randomUUID(),
      networkId,
      organisationId: organisationId ?? null,
      name: request.name,
      type: request.type,
      filter: {
        ...request.filter,
        ...(request.filter.address ? { address: getAddress(request.filter.address) } : {}),
      },
      url: webhook ? request.url : null,
      secret: webhook ? newWebhookSecret() : null,
      retry: webhook ? (request.retry ?? webhookRetrySchema.parse({})) : null,
      status: 'active',
      position: head,
      replayUntil: null,
      replayFromBlock: null,
      attempts: 0,
      lastError: null,
      nextAttemptAt: null,
      leaseOwner: null,
      leaseUntil: null,
      socketSession: null,
      createdBy: actor as Actor,
      createdAt: now,
      updatedAt: now,
    });
    if (request.fromBlock && request.fromBlock !== 'latest') {
      this.replayFrom(stream, Number(request.fromBlock));
    }
    const dto = this.audited(outbox, stream, 'created', 0);
    return { ...dto, secret: stream.secret ?? null };
  }

  async change(
    em: EntityManager,
    outbox: OutboxWriter,
    command: ChangeEventStreamCommand,
    actor: Actor | undefined,
  ): Promise<EventStreamDto> {
    const stream = await findStream(em, command.networkId, command.streamId, actor, true);
    const now = this.clock.now();
    switch (command.change) {
      case 'pause':
        stream.status = 'paused';
        break;
      case 'resume':
        stream.status = 'active';
        stream.nextAttemptAt = null;
        break;
      case 'delete':
        stream.status = 'deleted';
        break;
      case 'replay':
        this.replayFrom(stream, command.fromBlock === 'latest' ? null : Number(command.fromBlock));
        if (command.fromBlock === 'latest') stream.position = await this.logHead(em);
        break;
      case 'redrive':
        await this.redrive(em, stream, command.ids, now);
        break;
    }
    stream.updatedAt = now;
    return this.audited(outbox, stream, command.change, await this.deadCount(em, stream.id));
  }

  /**
   * A WebSocket client connected: its connection becomes the stream's only one (earlier ones, on
   * any gateway instance, are refused from now). Not audited: who may connect is the stream's
   * audited definition; the connection itself is operational, like an acknowledgement.
   */
  async claimSocket(
    em: EntityManager,
    command: ClaimEventStreamSocketCommand,
    actor: Actor | undefined,
  ): Promise<EventStreamDto> {
    const stream = await findStream(em, command.networkId, command.streamId, actor, false);
    checkSocketOf(stream, undefined);
    stream.socketSession = command.session;
    return toEventStreamDto(stream, 0);
  }

  /** A WebSocket client's cumulative acknowledgement: the position only moves forward. */
  async ack(
    em: EntityManager,
    command: AckEventStreamCommand,
    actor: Actor | undefined,
  ): Promise<EventStreamDto> {
    const stream = await findStream(em, command.networkId, command.streamId, actor, false);
    checkSocketOf(stream, command.session);
    if (command.sequence > (await this.logHead(em))) {
      throw invalidField('sequence', 'is after the last event of the stream log');
    }
    if (command.sequence > stream.position) {
      stream.position = command.sequence;
      if (stream.replayUntil != null && stream.position >= stream.replayUntil) {
        stream.replayUntil = null;
        stream.replayFromBlock = null;
      }
      stream.updatedAt = this.clock.now();
    }
    return toEventStreamDto(stream, 0);
  }

  deadCount(em: EntityManager, streamId: string): Promise<number> {
    return em.count(StreamDeadLetter, { streamId, status: { $ne: 'delivered' } });
  }

  /** Delivers again, in order, the stream's events from `fromBlock` up to where it had got. */
  private replayFrom(stream: EventStream, fromBlock: number | null): void {
    if (fromBlock === null) {
      stream.replayUntil = null;
      stream.replayFromBlock = null;
      return;
    }
    stream.replayUntil = Math.max(stream.position, stream.replayUntil ?? 0);
    stream.replayFromBlock = fromBlock;
    stream.position = 0;
    stream.attempts = 0;
    stream.nextAttemptAt = null;
  }

  private async redrive(
    em: EntityManager,
    stream: EventStream,
    ids: string[] | undefined,
    now: Date,
  ): Promise<void> {
    if (stream.type !== 'webhook') throw DomainProblem.conflict('Only webhooks have dead letters.');
    const where = {
      streamId: stream.id,
      status: 'dead' as const,
      ...(ids ? { id: { $in: ids } } : {}),
    };
    const letters = await em.find(StreamDeadLetter, where);
    if (ids && letters.length !== new Set(ids).size) {
      throw invalidField('ids', 'names a dead letter this stream does not hold (or not dead)');
    }
    for (const letter of letters) {
      letter.status = 'redriving';
      letter.attempts = 0;
      letter.updatedAt = now;
    }
    stream.nextAttemptAt = null;
  }

  private async checkListener(
    em: EntityManager,
    networkId: string,
    listenerId: string,
    organisationId: string | undefined,
  ): Promise<void> {
    const listener = await em.findOne(EventListener, {
      id: listenerId,
      networkId,
      status: { $ne: 'deleted' },
    });
    const visible = listener && (!organisationId || listener.organisationId === organisationId);
    if (!visible) {
      throw invalidField('filter.listenerId', 'is not an event listener of this network');
    }
  }

  /** The sequence of the newest event in the stream log (0 when empty). */
  private async logHead(em: EntityManager): Promise<number> {
    const newest = await em.findOne(
      StreamLogEvent,
      { seq: { $gt: 0 } },
      { orderBy: { seq: 'desc' }, fields: ['seq'] },
    );
    return newest?.seq ?? 0;
  }

  private audited(
    outbox: OutboxWriter,
    stream: EventStream,
    change: string,
    deadLetters: number,
  ): EventStreamDto {
    const dto = toEventStreamDto(stream, deadLetters);
    outbox.add({
      topic: EventStreamTopics.eventStreamChanged,
      key: stream.networkId,
      payload: { change, stream: dto },
    });
    return dto;
  }
}
