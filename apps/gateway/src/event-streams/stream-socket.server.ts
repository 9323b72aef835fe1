/**
 * The WebSocket entry of event streams on the gateway's HTTP server:
 * `GET /api/v1/networks/{id}/event-streams/{streamId}/socket` with `Authorization: Bearer` (or
 * `?access_token=` for browsers). The token is verified like any API call, the caller must be
 * allowed to write (not an auditor) and the ledger must show it the stream, else the upgrade is
 * answered with a problem+json status. One client per stream: a new connection replaces the
 * previous one (closed with 4409) — at once on this instance, through the ledger on another.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { bearerToken, canWrite, TokenVerifier } from '@strata/auth';
import { type Actor, eventStreamSchema } from '@strata/contracts';
import { WebSocketServer } from 'ws';
import { ProblemException, problemType } from '../problems/problem';
import { LedgerEventStreamsClient } from './ledger-event-streams.client';
import { StreamSocketSession } from './stream-socket-session';

const SOCKET_PATH =
  /^\/api\/v1\/networks\/([0-9a-f-]{36})\/event-streams\/([0-9a-f-]{36})\/socket$/i;

class UpgradeRefused extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

@Injectable()
export class StreamSocketServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StreamSocketServer.name);
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly sessions = new Map<string, StreamSocketSession>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly verifier: TokenVerifier,
    private readonly ledger: LedgerEventStreamsClient,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as
      | { on(event: 'upgrade', f: (r: IncomingMessage, s: Duplex, h: Buffer) => void): void }
      | undefined;
    server?.on('upgrade', (request, socket, head) => void this.upgrade(request, socket, head));
  }

  onApplicationShutdown(): void {
    for (const client of this.wss.clients) client.close(1001, 'gateway shutting down');
    this.wss.close();
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://gateway');
    const match = SOCKET_PATH.exec(url.pathname);
    try {
      if (!match)
        throw new UpgradeRefused('not-found', 404, 'Not found', 'No WebSocket at this path.');
      const [, networkId, streamId] = match;
      const actor = await this.authenticate(request, url);
      await this.checkStream(networkId, streamId, actor);
      this.wss.handleUpgrade(request, socket, head, (ws) => {
        const key = streamId.toLowerCase();
        this.sessions.get(key)?.replaced();
        const session = new StreamSocketSession(
          ws,
          { networkId, streamId },
          actor,
          this.ledger,
          this.logger,
        );
        this.sessions.set(key, session);
        ws.on('close', () => {
          if (this.sessions.get(key) === session) this.sessions.delete(key);
        });
        session.start();
      });
    } catch (error) {
      refuse(socket, error);
    }
  }

  private async authenticate(request: IncomingMessage, url: URL): Promise<Actor> {
    const token =
      bearerToken(request.headers.authorization) ?? url.searchParams.get('access_token');
    if (!token)
      throw new UpgradeRefused('unauthorized', 401, 'Unauthorized', 'A bearer token is required.');
    let actor: Actor;
    try {
      actor = await this.verifier.verify(token);
    } catch {
      throw new UpgradeRefused(
        'unauthorized',
        401,
        'Unauthorized',
        'The bearer token is invalid or expired.',
      );
    }
    if (!canWrite(actor)) {
      throw new UpgradeRefused(
        'forbidden',
        403,
        'Forbidden',
        'Read-only roles cannot acknowledge events.',
      );
    }
    return actor;
  }

  private async checkStream(networkId: string, streamId: string, actor: Actor): Promise<void> {
    let stream;
    try {
      stream = await this.ledger.query(
        { query: 'get-event-stream', networkId, id: streamId },
        actor,
        eventStreamSchema,
      );
    } catch (error) {
      if (error instanceof ProblemException) {
        const p = error.problem;
        throw new UpgradeRefused(p.code, p.status, p.title, p.detail ?? p.title);
      }
      throw error;
    }
    if (stream.type !== 'websocket') {
      throw new UpgradeRefused(
        'conflict',
        409,
        'Conflict',
        'The stream delivers to a webhook, not a socket.',
      );
    }
  }
}

function refuse(socket: Duplex, error: unknown): void {
  const refused =
    error instanceof UpgradeRefused
      ? error
      : new UpgradeRefused(
          'service-unavailable',
          503,
          'Service unavailable',
          'The stream cannot be opened now.',
        );
  const body = JSON.stringify({
    type: problemType(refused.code),
    title: refused.title,
    status: refused.status,
    detail: refused.detail,
  });
  socket.end(
    `HTTP/1.1 ${refused.status} ${refused.title}\r\n` +
      'Content-Type: application/problem+json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
