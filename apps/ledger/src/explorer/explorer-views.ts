/**
 * Node answers turned into the explorer's views (decimal quantities, ISO times) and the
 * decoding of logs with the ABIs of the network's event listeners (raw when none matches).
 * Addresses are answered in their EIP-55 checksummed form (nodes answer them lowercase).
 */
import { getAddress } from 'ethers';
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
/** The EIP-55 checksummed form of an address in any case (a wrong mixed-case checksum too). */
export const checksummed = (address: string): string => getAddress(address.toLowerCase());
const checksummedOrNull = (address: string | null | undefined): string | null =>
  address ? checksummed(address) : null;

export function blockSummary(block: RpcBlock): BlockSummary {
  return {
    number: decimal(block.number),
    hash: block.hash,
    parentHash: block.parentHash,
    timestamp: new Date(num(block.timestamp) * 1000).toISOString(),
    miner: checksummed(block.miner),
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
    from: checksummed(tx.from),
    to: checksummedOrNull(tx.to),
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
    address: checksummed(log.address),
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
          contractAddress: checksummedOrNull(receipt.contractAddress),
          events: receipt.logs.map(decode),
        }
      : null,
  };
}
