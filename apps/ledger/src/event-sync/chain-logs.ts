/**
 * What the event sync needs from a network's node, as a port: logs of a block window and block
 * headers (number, hash, parent hash). Each call is bounded by a timeout and is not retried
 * inside; all are reads, so the caller may simply call again.
 */
import { Injectable } from '@nestjs/common';
import { jsonRpcCall } from '../node/json-rpc-call';

export interface ChainLog {
  address: string;
  topics: string[];
  data: string;
  blockNumber: number;
  blockHash: string;
  transactionHash: string;
  logIndex: number;
  removed: boolean;
}

export interface BlockHeader {
  number: number;
  hash: string;
  parentHash: string;
}

export interface LogFilter {
  address: string | null;
  topics: string[];
  fromBlock: number;
  toBlock: number;
}

export abstract class ChainLogs {
  abstract head(rpcUrl: string): Promise<number>;
  /** Rejects when the node refuses the window (too many results, range too large). */
  abstract logs(rpcUrl: string, filter: LogFilter): Promise<ChainLog[]>;
  abstract header(rpcUrl: string, blockNumber: number): Promise<BlockHeader | null>;
}

const hex = (n: number): string => `0x${n.toString(16)}`;

interface RpcLog {
  address: string;
  topics: string[];
  data: string;
  blockNumber: string;
  blockHash: string;
  transactionHash: string;
  logIndex: string;
  removed?: boolean;
}

/** A window of thousands of logs is megabytes of JSON: give the node time to answer it. */
export const CHAIN_LOGS_TIMEOUT_MS = 30_000;

/** Raw JSON-RPC over fetch (json-rpc-call.ts), without caching of heads or logs. */
@Injectable()
export class JsonRpcChainLogs extends ChainLogs {
  private send<T>(rpcUrl: string, method: string, params: unknown[]): Promise<T> {
    return jsonRpcCall<T>(rpcUrl, method, params, CHAIN_LOGS_TIMEOUT_MS);
  }

  async head(rpcUrl: string): Promise<number> {
    return Number(BigInt(await this.send<string>(rpcUrl, 'eth_blockNumber', [])));
  }

  async logs(rpcUrl: string, filter: LogFilter): Promise<ChainLog[]> {
    const params = {
      fromBlock: hex(filter.fromBlock),
      toBlock: hex(filter.toBlock),
      topics: [filter.topics],
      ...(filter.address ? { address: filter.address } : {}),
    };
    const logs = await this.send<RpcLog[]>(rpcUrl, 'eth_getLogs', [params]);
    return logs.map((log) => ({
      address: log.address,
      topics: log.topics,
      data: log.data,
      blockNumber: Number(BigInt(log.blockNumber)),
      blockHash: log.blockHash,
      transactionHash: log.transactionHash,
      logIndex: Number(BigInt(log.logIndex)),
      removed: log.removed === true,
    }));
  }

  async header(rpcUrl: string, blockNumber: number): Promise<BlockHeader | null> {
    const block = await this.send<{ number: string; hash: string; parentHash: string } | null>(
      rpcUrl,
      'eth_getBlockByNumber',
      [hex(blockNumber), false],
    );
    if (!block) return null;
    return { number: Number(BigInt(block.number)), hash: block.hash, parentHash: block.parentHash };
  }
}
