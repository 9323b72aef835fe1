/**
 * Reads a node's state over standard Ethereum JSON-RPC (Besu and anvil alike): the latest block
 * (`eth_getBlockByNumber`), peers (`net_peerCount`; anvil has none: null) and `eth_syncing`.
 * One attempt per call, bounded by a timeout; the monitor polls again on its next pass.
 */
import { z } from 'zod';

export interface NodeObservation {
  blockNumber: number;
  /** null when the node does not implement `net_peerCount`. */
  peerCount: number | null;
  syncing: boolean;
  /** The latest block's timestamp. */
  lastBlockAt: Date;
}

export abstract class NodeProbe {
  /** Throws NodeProbeError when the node cannot be reached or answers nonsense. */
  abstract observe(rpcUrl: string): Promise<NodeObservation>;
}

export class NodeProbeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NodeProbeError';
  }
}

const METHOD_NOT_FOUND = -32601;
const quantity = z.string().regex(/^0x[0-9a-fA-F]{1,16}$/);
const blockSchema = z.object({ number: quantity, timestamp: quantity }).loose();
const responseSchema = z
  .object({
    result: z.unknown().optional(),
    error: z.object({ code: z.number(), message: z.string() }).optional(),
  })
  .loose();

export class JsonRpcNodeProbe extends NodeProbe {
  private nextId = 1;

  constructor(private readonly timeoutMs: number) {
    super();
  }

  async observe(rpcUrl: string): Promise<NodeObservation> {
    const [block, peers, syncing] = await Promise.all([
      this.call(rpcUrl, 'eth_getBlockByNumber', ['latest', false]),
      this.call(rpcUrl, 'net_peerCount', []),
      this.call(rpcUrl, 'eth_syncing', []),
    ]);
    const latest = blockSchema.safeParse(this.result('eth_getBlockByNumber', block));
    if (!latest.success) throw new NodeProbeError('eth_getBlockByNumber: malformed block');
    return {
      blockNumber: Number(BigInt(latest.data.number)),
      peerCount: this.peerCount(peers),
      syncing: this.result('eth_syncing', syncing) !== false,
      lastBlockAt: new Date(Number(BigInt(latest.data.timestamp)) * 1000),
    };
  }

  private peerCount(answer: z.infer<typeof responseSchema>): number | null {
    if (answer.error?.code === METHOD_NOT_FOUND) return null;
    const parsed = quantity.safeParse(this.result('net_peerCount', answer));
    if (!parsed.success) throw new NodeProbeError('net_peerCount: malformed answer');
    return Number(BigInt(parsed.data));
  }

  private result(method: string, answer: z.infer<typeof responseSchema>): unknown {
    if (answer.error) throw new NodeProbeError(`${method}: ${answer.error.message}`);
    return answer.result;
  }

  private async call(
    rpcUrl: string,
    method: string,
    params: unknown[],
  ): Promise<z.infer<typeof responseSchema>> {
    let body: unknown;
    try {
      const response = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: this.nextId++, method, params }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      body = await response.json();
    } catch (error) {
      throw new NodeProbeError(`${method}: node unreachable (${(error as Error).message})`);
    }
    const parsed = responseSchema.safeParse(body);
    if (!parsed.success) throw new NodeProbeError(`${method}: not a JSON-RPC answer`);
    return parsed.data;
  }
}
