import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NewHeads, webSocketUrlOf } from './new-heads';

/** A node without a WebSocket endpoint (upgrades are dropped) whose head moves on each call. */
async function httpOnlyNode(): Promise<{ url: string; calls: () => number; server: Server }> {
  let calls = 0;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const { id, method } = JSON.parse(body) as { id: number; method: string };
      calls++;
      const result = method === 'eth_blockNumber' ? `0x${calls.toString(16)}` : null;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ jsonrpc: '2.0', id, result }));
    });
  });
  server.on('upgrade', (_request, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/rpc`, calls: () => calls, server };
}

describe('new heads', () => {
  it('derives the WebSocket endpoint from the RPC URL', () => {
    expect(webSocketUrlOf('http://127.0.0.1:8545')).toBe('ws://127.0.0.1:8545/');
    expect(webSocketUrlOf('https://node.example.org/rpc?key=1')).toBe(
      'wss://node.example.org/rpc?key=1',
    );
    expect(webSocketUrlOf('ipc:///tmp/geth.ipc')).toBeNull();
    expect(webSocketUrlOf('not a url')).toBeNull();
  });

  it('falls back to polling the block number when the node has no WebSocket, and reports a changed head', async () => {
    const node = await httpOnlyNode();
    let heads: NewHeads | undefined;
    try {
      const announced = await new Promise<string>((resolve) => {
        heads = new NewHeads({ headPollMs: 10, webSocketRetryMs: 60_000 }, resolve);
        heads.follow([node.url]);
      });
      expect(announced).toBe(node.url);
      expect(node.calls()).toBeGreaterThanOrEqual(2);
    } finally {
      heads?.stop();
      node.server.closeAllConnections();
      await new Promise((resolve) => node.server.close(resolve));
    }
  });

  it('polls when the runtime has no WebSocket client at all', async () => {
    const node = await httpOnlyNode();
    const original = globalThis.WebSocket;
    let heads: NewHeads | undefined;
    try {
      // As on Node 20 without --experimental-websocket.
      (globalThis as { WebSocket?: unknown }).WebSocket = undefined;
      const announced = await new Promise<string>((resolve) => {
        heads = new NewHeads({ headPollMs: 10, webSocketRetryMs: 60_000 }, resolve);
        heads.follow([node.url]);
      });
      expect(announced).toBe(node.url);
    } finally {
      globalThis.WebSocket = original;
      heads?.stop();
      node.server.closeAllConnections();
      await new Promise((resolve) => node.server.close(resolve));
    }
  });

  it('stops following nodes that are no longer listed', async () => {
    const node = await httpOnlyNode();
    const heads = new NewHeads({ headPollMs: 10, webSocketRetryMs: 60_000 }, () => undefined);
    try {
      heads.follow([node.url]);
      heads.follow([]);
      const after = node.calls();
      await new Promise((resolve) => setTimeout(resolve, 100));
      // At most the one call already in flight when the watch stopped.
      expect(node.calls()).toBeLessThanOrEqual(after + 1);
    } finally {
      heads.stop();
      node.server.closeAllConnections();
      await new Promise((resolve) => node.server.close(resolve));
    }
  });
});
