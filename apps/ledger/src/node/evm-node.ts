/**
 * What the transaction manager needs from a network's node, as a port. Every call is bounded by
 * a timeout and has no retry inside; all are reads except `broadcast`, which is idempotent for
 * the same signed bytes (the node answers "already known" or the hash again).
 */
import type { TransactionRequest } from 'ethers';

export interface FeeData {
  /** EIP-1559 networks: base fee of the latest block; null on legacy networks. */
  baseFeePerGas: bigint | null;
  gasPrice: bigint;
  maxPriorityFeePerGas: bigint;
}

export interface ReceiptView {
  hash: string;
  status: 0 | 1;
  blockNumber: number;
  blockHash: string;
  contractAddress: string | null;
}

export abstract class EvmNode {
  abstract chainId(rpcUrl: string): Promise<bigint>;
  /** Rejects with the node's error (carrying revert data) when the call would revert. */
  abstract estimateGas(rpcUrl: string, tx: TransactionRequest): Promise<bigint>;
  abstract feeData(rpcUrl: string): Promise<FeeData>;
  /** Sends a signed transaction; resolves with its hash. */
  abstract broadcast(rpcUrl: string, raw: string): Promise<string>;
  abstract receipt(rpcUrl: string, hash: string): Promise<ReceiptView | null>;
  /**
   * Receipts of many hashes in one round trip (a JSON-RPC batch), in the order given: null for
   * one not mined, an Error for one the node could not answer. Rejects when the node is unreachable.
   */
  abstract receipts(rpcUrl: string, hashes: string[]): Promise<(ReceiptView | null | Error)[]>;
  /** Whether the node still knows the transaction (pending pool or chain). */
  abstract isKnown(rpcUrl: string, hash: string): Promise<boolean>;
  abstract blockNumber(rpcUrl: string): Promise<number>;
  /** Count of mined transactions of `address` (the next nonce the chain would accept). */
  abstract minedCount(rpcUrl: string, address: string): Promise<number>;
  /** Re-executes `tx` at `blockTag` and returns its revert data (null if it does not revert). */
  abstract revertData(
    rpcUrl: string,
    tx: TransactionRequest,
    blockTag: number,
  ): Promise<string | null>;
  /** Raw JSON-RPC for local-network conveniences (anvil funding). */
  abstract send(rpcUrl: string, method: string, params: unknown[]): Promise<unknown>;
  abstract close(): Promise<void>;
}
