import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jsonRpcBatch, JsonRpcError } from './json-rpc-call';

interface Call {
  id: number;
  method: string;
  params: unknown[];
}

/** A node that answers a batch in reverse order, refusing calls whose first param is 'bad'. */
async function reversingNode(): Promise<{ url: string; server: Server; requests: number[] }> {
  const requests: number[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const calls = JSON.parse(body) as Call[];
      requests.push(calls.length);
      const answers = calls
        .map((call) =>
          call.params[0] === 'bad'
            ? { jsonrpc: '2.0', id: call.id, error: { code: -32000, message: 'refused' } }
            : { jsonrpc: '2.0', id: call.id, result: `${call.method}:${String(call.params[0])}` },
        )
        .reverse();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(answers));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server, requests };
}

describe('jsonRpcBatch', () => {
  it('sends the calls in one request and gives the answers back in call order, errors in place', async () => {
    const node = await reversingNode();
    try {
      const answers = await jsonRpcBatch(
        node.url,
        [
          { method: 'eth_getTransactionReceipt', params: ['a'] },
          { method: 'eth_getTransactionReceipt', params: ['bad'] },
          { method: 'eth_blockNumber', params: ['c'] },
        ],
        5_000,
      );
      expect(node.requests).toEqual([3]);
      expect(answers[0]).toBe('eth_getTransactionReceipt:a');
      expect(answers[1]).toBeInstanceOf(JsonRpcError);
      expect((answers[1] as Error).message).toContain('refused');
      expect(answers[2]).toBe('eth_blockNumber:c');
    } finally {
      node.server.close();
    }
  });

  it('asks nothing for no calls', async () => {
    await expect(jsonRpcBatch('http://127.0.0.1:1', [], 1_000)).resolves.toEqual([]);
  });
});
