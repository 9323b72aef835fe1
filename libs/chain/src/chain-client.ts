/**
 * The chain as a port. `ChainClient` answers what the platform needs from a node; the ethers
 * adapter talks JSON-RPC to Besu (production) or anvil (local, tests). Retry behaviour: none
 * inside; every call is bounded by a timeout and may simply be repeated.
 */
export interface ChainHead {
  chainId: bigint;
  number: number;
  hash: string;
  timestamp: Date;
}

export abstract class ChainClient {
  /** Chain id and latest block of the node at `rpcUrl`. Rejects on timeout or RPC error. */
  abstract head(rpcUrl: string): Promise<ChainHead>;
  abstract close(): Promise<void>;
}
