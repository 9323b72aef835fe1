import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookPoster } from './webhook-poster';
import { WebhookTargets } from './webhook-targets';

describe('the webhook poster', () => {
  let server: Server;
  let port: number;
  const received: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push(body);
        res.writeHead(req.url === '/fails' ? 503 : 204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => received.splice(0));

  it('posts the body to an allowed address and reads the status', async () => {
    const sender = new WebhookPoster(WebhookTargets.fromSetting('127.0.0.0/8'), 5_000);
    try {
      await expect(sender.post(`http://127.0.0.1:${port}/ok`, '{"a":1}', {})).resolves.toEqual({
        ok: true,
      });
      await expect(sender.post(`http://127.0.0.1:${port}/fails`, '{}', {})).resolves.toEqual({
        ok: false,
        reason: 'HTTP 503',
      });
      expect(received).toEqual(['{"a":1}', '{}']);
    } finally {
      await sender.close();
    }
  });

  it('never connects to a private address, given literally or by a name that resolves to it', async () => {
    const sender = new WebhookPoster(new WebhookTargets(), 5_000);
    try {
      const literal = await sender.post(`http://127.0.0.1:${port}/ok`, '{}', {});
      expect(literal).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/^refused: .*loopback/),
      });
      const named = await sender.post(`http://localhost:${port}/ok`, '{}', {});
      expect(named).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/^refused: localhost: .* is a loopback address/),
      });
      expect(received).toEqual([]);
    } finally {
      await sender.close();
    }
  });
});
