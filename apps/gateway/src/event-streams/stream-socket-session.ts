/**
 * One WebSocket client of one event stream. The session pulls the stream's next events from the
 * ledger after the last one it sent (at most WINDOW unacknowledged), sends each as
 * `{"type":"event","streamId","sequence","event"}`, and turns `{"type":"ack","id":"<event id>"}`
 * into a cumulative acknowledgement of that event's sequence, persisted by the ledger. A client
 * that reconnects starts after its last acknowledged event: unacknowledged ones come again.
 * The session first claims the stream in the ledger: a newer connection, on any gateway instance,
 * replaces it, and it is closed with 4409 at its next read or acknowledgement.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '@nestjs/common';
import type { Actor, StreamDelivery } from '@strata/contracts';
import { nextStreamEventsSchema, SOCKET_REPLACED } from '@strata/contracts';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { ProblemException } from '../problems/problem';
import type { LedgerEventStreamsClient } from './ledger-event-streams.client';

export const SOCKET_WINDOW = 100;
/** Close code of a connection a newer one to the same stream replaced. */
export const SOCKET_REPLACED_CLOSE = 4409;
const IDLE_POLL_MS = 300;
const MAX_MESSAGE_BYTES = 4096;

export const socketAckSchema = z
  .object({ type: z.literal('ack'), id: z.string().min(1).max(140) })
  .strict();

interface StreamRef {
  networkId: string;
  streamId: string;
}

export class StreamSocketSession {
  /** This connection's id in the ledger (the stream's `socketSession` while it is the latest). */
  private readonly id = randomUUID();
  private readonly inFlight: StreamDelivery[] = [];
  private lastSent = 0;
  private closed = false;
  private acks: Promise<void> = Promise.resolve();
  private wake: (() => void) | undefined;

  constructor(
    private readonly socket: WebSocket,
    private readonly stream: StreamRef,
    private readonly actor: Actor,
    private readonly ledger: LedgerEventStreamsClient,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    this.socket.on('close', () => this.stop());
    this.socket.on('error', () => this.stop());
    void this.claimThenPump();
  }

  /** Closes the connection because a newer one to the same stream took over. */
  replaced(): void {
    this.fail(SOCKET_REPLACED_CLOSE, 'a newer connection to this event stream replaced this one');
  }

  stop(): void {
    this.closed = true;
    this.wake?.();
  }

  private async claimThenPump(): Promise<void> {
    try {
      await this.ledger.claimSocket({ ...this.ids(), session: this.id }, this.actor);
    } catch (error) {
      this.failOn(error, 'the connection was not registered');
      return;
    }
    while (!this.closed) {
      const room = SOCKET_WINDOW - this.inFlight.length;
      let sent = 0;
      if (room > 0) {
        try {
          sent = await this.sendNext(room);
        } catch (error) {
          this.failOn(error, 'the ledger did not answer');
          return;
        }
      }
      if (sent === 0) await this.idle();
    }
  }

  private async sendNext(room: number): Promise<number> {
    const next = await this.ledger.query(
      {
        query: 'next-stream-events',
        networkId: this.stream.networkId,
        id: this.stream.streamId,
        after: this.lastSent,
        limit: room,
        session: this.id,
      },
      this.actor,
      nextStreamEventsSchema,
    );
    for (const delivery of next.items) {
      if (this.closed) break;
      this.inFlight.push(delivery);
      this.lastSent = delivery.sequence;
      this.socket.send(JSON.stringify({ type: 'event', ...delivery }));
    }
    return next.items.length;
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, IDLE_POLL_MS);
      const wake = () => done();
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = wake;
    });
  }

  private onMessage(data: unknown, isBinary: boolean): void {
    const text = !isBinary && Buffer.isBuffer(data) ? data.toString('utf8') : '';
    if (!text || text.length > MAX_MESSAGE_BYTES) {
      this.reply({ type: 'error', detail: 'send JSON text messages of at most 4 KiB' });
      return;
    }
    let ack;
    try {
      ack = socketAckSchema.parse(JSON.parse(text));
    } catch {
      this.reply({ type: 'error', detail: 'expected {"type":"ack","id":"<event id>"}' });
      return;
    }
    this.acks = this.acks.then(() => this.acknowledge(ack.id));
  }

  /** Acknowledges the newest sent delivery of that event id and everything before it. */
  private async acknowledge(eventId: string): Promise<void> {
    const sequence = this.inFlight.filter((d) => d.event.id === eventId).at(-1)?.sequence;
    if (sequence === undefined) {
      this.reply({ type: 'error', detail: `no unacknowledged event ${eventId}` });
      return;
    }
    try {
      await this.ledger.ack({ ...this.ids(), sequence, session: this.id }, this.actor);
    } catch (error) {
      this.failOn(error, 'the acknowledgement was not stored');
      return;
    }
    while (this.inFlight.length && this.inFlight[0].sequence <= sequence) this.inFlight.shift();
    this.reply({ type: 'acked', id: eventId, sequence });
    this.wake?.();
  }

  private ids(): StreamRef {
    return { networkId: this.stream.networkId, streamId: this.stream.streamId };
  }

  private reply(message: object): void {
    if (!this.closed) this.socket.send(JSON.stringify(message));
  }

  /** Closes on a ledger error: 4409 when replaced, else 4502 with what went wrong. */
  private failOn(error: unknown, what: string): void {
    if (error instanceof ProblemException && error.problem.code === SOCKET_REPLACED) {
      this.replaced();
    } else {
      this.fail(4502, `${what}: ${errorText(error)}`);
    }
  }

  private fail(code: number, reason: string): void {
    if (this.closed) return;
    this.logger.warn(`event stream ${this.stream.streamId}: socket closed: ${reason}`);
    this.socket.close(code, reason.slice(0, 120));
    this.stop();
  }
}

const errorText = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
