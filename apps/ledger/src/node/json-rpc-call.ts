/**
 * One JSON-RPC call over fetch, bounded by a timeout, not retried. Used for the bulk reads of the
 * event sync and the explorer: ethers' provider decodes response bodies with a pure-JS UTF-8
 * decoder, which took ~2.5 s for a 10,000-log answer that `response.json()` parses in ~0.1 s.
 */
export class JsonRpcError extends Error {
  constructor(
    method: string,
    readonly rpc: { code?: number; message?: string },
  ) {
    super(`${method}: ${rpc.message ?? 'node error'} (${rpc.code ?? 'no code'})`);
    this.name = 'JsonRpcError';
  }
}

let nextId = 1;

export async function jsonRpcCall<T>(
  rpcUrl: string,
  method: string,
  params: unknown[],
  timeoutMs: number,
): Promise<T> {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`${method}: HTTP ${response.status}`);
  const body = (await response.json()) as {
    result?: T;
    error?: { code?: number; message?: string };
  };
  if (body.error) throw new JsonRpcError(method, body.error);
  return body.result as T;
}

/**
 * Several calls in one JSON-RPC batch request (one HTTP round trip), answers in call order; a
 * call the node refused comes back as a JsonRpcError (an Error) in its place. Besu accepts batches of up to
 * 1,024 calls by default (`--rpc-http-max-batch-size`); callers keep well below.
 */
export async function jsonRpcBatch(
  rpcUrl: string,
  calls: { method: string; params: unknown[] }[],
  timeoutMs: number,
): Promise<unknown[]> {
  if (calls.length === 0) return [];
  const first = nextId;
  nextId += calls.length;
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(calls.map((call, i) => ({ jsonrpc: '2.0', id: first + i, ...call }))),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`JSON-RPC batch: HTTP ${response.status}`);
  const body = (await response.json()) as {
    id: number;
    result?: unknown;
    error?: { code?: number; message?: string };
  }[];
  if (!Array.isArray(body)) throw new Error('JSON-RPC batch: the node did not answer a batch');
  const byId = new Map(body.map((answer) => [answer.id, answer]));
  return calls.map((call, i) => {
    const answer = byId.get(first + i);
    if (!answer) return new JsonRpcError(call.method, { message: 'no answer in the batch' });
    return answer.error ? new JsonRpcError(call.method, answer.error) : answer.result;
  });
}
