/**
 * What the explorer reads from a network's node, as a port: blocks (by number or hash, with
 * their transactions), transactions, receipts, logs of a block range and an address's state.
 * Plain JSON-RPC reads bounded by a timeout, not retried (the caller may ask again).
 */
import { Injectable } from '@nestjs/common';
import { jsonRpcCall } from '../node/json-rpc-call';

export interface RpcTransaction {
  hash: string;
  blockHash: string | null;
  blockNumber: string | null;
  transactionIndex: string | null;
  from: string;
  to: string | null;
  value: string;
  nonce: string;
  gas: string;
  input: string;
}

export interface RpcBlock {
  number: string;
  hash: string;
  parentHash: string;
  timestamp: string;
  miner: string;
  gasUsed: string;
  gasLimit: string;
  transactions: RpcTransaction[];
}

export interface RpcLog {
  address: string;
  topics: string[];
  data: string;
  blockNumber: string;
  blockHash: string;
  transactionHash: string;
  logIndex: string;
}

export interface RpcReceipt {
  status: string;
  gasUsed: string;
  contractAddress: string | null;
  logs: RpcLog[];
}

export abstract class ExplorerChain {
  abstract head(rpcUrl: string): Promise<number>;
  /** With full transactions; null when the node does not know the block. */
  abstract block(rpcUrl: string, ref: number | string): Promise<RpcBlock | null>;
  abstract transaction(rpcUrl: string, hash: string): Promise<RpcTransaction | null>;
  abstract receipt(rpcUrl: string, hash: string): Promise<RpcReceipt | null>;
  abstract logs(
    rpcUrl: string,
    filter: { fromBlock: number; toBlock: number; address?: string },
  ): Promise<RpcLog[]>;
  abstract account(
    rpcUrl: string,
    address: string,
  ): Promise<{ balance: string; nonce: string; code: string }>;
}

const EXPLORER_RPC_TIMEOUT_MS = 15_000;
const hex = (n: number): string => `0x${n.toString(16)}`;

@Injectable()
export class JsonRpcExplorerChain extends ExplorerChain {
  private send<T>(rpcUrl: string, method: string, params: unknown[]): Promise<T> {
    return jsonRpcCall<T>(rpcUrl, method, params, EXPLORER_RPC_TIMEOUT_MS);
  }

  async head(rpcUrl: string): Promise<number> {
    return Number(BigInt(await this.send<string>(rpcUrl, 'eth_blockNumber', [])));
  }

  block(rpcUrl: string, ref: number | string): Promise<RpcBlock | null> {
    return typeof ref === 'number'
      ? this.send(rpcUrl, 'eth_getBlockByNumber', [hex(ref), true])
      : this.send(rpcUrl, 'eth_getBlockByHash', [ref, true]);
  }

  transaction(rpcUrl: string, hash: string): Promise<RpcTransaction | null> {
    return this.send(rpcUrl, 'eth_getTransactionByHash', [hash]);
  }

  receipt(rpcUrl: string, hash: string): Promise<RpcReceipt | null> {
    return this.send(rpcUrl, 'eth_getTransactionReceipt', [hash]);
  }

  logs(
    rpcUrl: string,
    filter: { fromBlock: number; toBlock: number; address?: string },
  ): Promise<RpcLog[]> {
    return this.send(rpcUrl, 'eth_getLogs', [
      {
        fromBlock: hex(filter.fromBlock),
        toBlock: hex(filter.toBlock),
        ...(filter.address ? { address: filter.address } : {}),
      },
    ]);
  }

  async account(
    rpcUrl: string,
    address: string,
  ): Promise<{ balance: string; nonce: string; code: string }> {
    const [balance, nonce, code] = await Promise.all([
      this.send<string>(rpcUrl, 'eth_getBalance', [address, 'latest']),
      this.send<string>(rpcUrl, 'eth_getTransactionCount', [address, 'latest']),
      this.send<string>(rpcUrl, 'eth_getCode', [address, 'latest']),
    ]);
    return { balance, nonce, code };
  }
}
