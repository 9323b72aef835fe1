/**
 * Helpers of the event streams' e2e tests: a real HTTP webhook receiver (down, failing or
 * accepting on demand; records every POST with its raw body and headers) and a WebSocket client
 * of a stream that collects messages and acknowledges by event id.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import type { StreamDelivery } from '@strata/contracts';
import type { Api } from './api';
import { eventually } from './eventually';

export interface ReceivedPost {
  body: string;
  headers: IncomingMessage['headers'];
  delivery: StreamDelivery;
}

export type ReceiverMode = 'accept' | 'fail';

export class WebhookReceiver {
  readonly accepted: ReceivedPost[] = [];
  refused = 0;
  mode: ReceiverMode = 'accept';
  private readonly server: Server;
  private port = 0;

  private constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (this.mode === 'fail') {
          this.refused++;
          res.writeHead(500).end('down for maintenance');
          return;
        }
        const body = Buffer.concat(chunks).toString('utf8');
        this.accepted.push({
          body,
          headers: req.headers,
          delivery: JSON.parse(body) as StreamDelivery,
        });
        res.writeHead(204).end();
      });
    });
  }

  /** A receiver listening on a free port (`listening: false`: the port is reserved, nothing answers). */
  static async start(listening = true): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await receiver.listen(0);
    if (!listening) await receiver.down();
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/strata`;
  }

  /** Distinct deliveries (first of each event id + removed), in arrival order. */
  distinct(): StreamDelivery[] {
    const seen = new Set<string>();
    return this.accepted
      .map((post) => post.delivery)
      .filter((d) => {
        const key = `${d.event.id}:${d.event.removed}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
  }

  async up(): Promise<void> {
    await this.listen(this.port);
  }

  async down(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  async stop(): Promise<void> {
    if (this.server.listening) await this.down();
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }
}

export interface SocketMessage {
  type: string;
  sequence?: number;
  id?: string;
  event?: StreamDelivery['event'];
  detail?: string;
}

/** A WebSocket client of one stream through the gateway, authenticated with the caller's token. */
export class StreamSocketClient {
  readonly messages: SocketMessage[] = [];
  /** How the server closed the connection, once it did. */
  closedWith?: { code: number; reason: string };

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.messages.push(JSON.parse(data.toString('utf8')) as SocketMessage);
    });
    socket.on('close', (code: number, reason: Buffer) => {
      this.closedWith = { code, reason: reason.toString('utf8') };
    });
  }

  static socketUrl(api: Api, networkId: string, streamId: string): string {
    const base = api.baseUrl.replace(/^http/, 'ws');
    return `${base}/api/v1/networks/${networkId}/event-streams/${streamId}/socket`;
  }

  static async connect(api: Api, networkId: string, streamId: string): Promise<StreamSocketClient> {
    const socket = new WebSocket(StreamSocketClient.socketUrl(api, networkId, streamId), {
      headers: { authorization: `Bearer ${api.token}` },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new StreamSocketClient(socket);
  }

  /** The status the gateway answers an upgrade it refuses with. */
  static refusal(url: string, headers: Record<string, string> = {}): Promise<number> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      socket.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        socket.terminate();
      });
      socket.once('open', () => reject(new Error('the upgrade was accepted')));
      socket.once('error', () => undefined);
    });
  }

  events(): SocketMessage[] {
    return this.messages.filter((m) => m.type === 'event');
  }

  async waitForEvents(count: number): Promise<SocketMessage[]> {
    return eventually(
      () => (this.events().length >= count ? this.events() : undefined),
      `${count} socket events`,
      120_000,
    );
  }

  async ack(eventId: string): Promise<void> {
    this.socket.send(JSON.stringify({ type: 'ack', id: eventId }));
    await eventually(
      () => this.messages.some((m) => m.type === 'acked' && m.id === eventId),
      `the ack of ${eventId}`,
      60_000,
    );
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}
