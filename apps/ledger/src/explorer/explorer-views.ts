/**
 * Node answers turned into the explorer's views (decimal quantities, ISO times) and the
 * decoding of logs with the ABIs of the network's event listeners (raw when none matches).
 */
import type {
  BlockDetail,
  BlockSummary,
  ExplorerEvent,
  TransactionDetail,
  TransactionSummary,
} from '@strata/contracts';
import { contractEventId } from '../event-sync/contract-events';
import type { ListenerAbi } from '../event-sync/listener-abi';
import type { RpcBlock, RpcLog, RpcReceipt, RpcTransaction } from './explorer-chain';

const decimal = (hex: string | null | undefined): string => BigInt(hex ?? '0x0').toString();
const num = (hex: string): number => Number(BigInt(hex));

export function blockSummary(block: RpcBlock): BlockSummary {
  return {
    number: decimal(block.number),
    hash: block.hash,
    parentHash: block.parentHash,
    timestamp: new Date(num(block.timestamp) * 1000).toISOString(),
    miner: block.miner,
    gasUsed: decimal(block.gasUsed),
    gasLimit: decimal(block.gasLimit),
    transactionCount: block.transactions.length,
  };
}

export function transactionSummary(tx: RpcTransaction): TransactionSummary {
  return {
    hash: tx.hash,
    blockNumber: tx.blockNumber ? decimal(tx.blockNumber) : null,
    transactionIndex: tx.transactionIndex ? num(tx.transactionIndex) : null,
    from: tx.from,
    to: tx.to ?? null,
    value: decimal(tx.value),
  };
}

export function blockDetail(block: RpcBlock): BlockDetail {
  return { ...blockSummary(block), transactions: block.transactions.map(transactionSummary) };
}

/** Decodes with the first listener ABI that knows the event; raw (`event: null`) otherwise. */
export function explorerEvent(
  log: RpcLog,
  networkId: string,
  abis: readonly ListenerAbi[],
): ExplorerEvent {
  const raw = { address: log.address, topics: log.topics, data: log.data };
  let event: ExplorerEvent['event'] = null;
  for (const abi of abis) {
    event = abi.decode(raw);
    if (event) break;
  }
  const logIndex = num(log.logIndex);
  return {
    id: contractEventId({ blockHash: log.blockHash, logIndex }),
    networkId,
    address: log.address,
    blockNumber: decimal(log.blockNumber),
    blockHash: log.blockHash,
    transactionHash: log.transactionHash,
    logIndex,
    topics: log.topics,
    data: log.data,
    event,
  };
}

export function transactionDetail(
  tx: RpcTransaction,
  receipt: RpcReceipt | null,
  decode: (log: RpcLog) => ExplorerEvent,
): TransactionDetail {
  return {
    ...transactionSummary(tx),
    blockHash: tx.blockHash ?? null,
    nonce: num(tx.nonce),
    gas: decimal(tx.gas),
    input: tx.input,
    receipt: receipt
      ? {
          status: num(receipt.status) === 1 ? 'succeeded' : 'reverted',
          gasUsed: decimal(receipt.gasUsed),
          contractAddress: receipt.contractAddress ?? null,
          events: receipt.logs.map(decode),
        }
      : null,
  };
}
