/**
 * Contract events as the event sync publishes them: the stable id (block hash + log index), the
 * partition key `<contract address>:<topic0>` (order per key is chain order) and the decoded
 * event with a raw fallback.
 */
import type { ContractEvent } from '@strata/contracts';
import type { ChainLog } from './chain-logs';
import type { ListenerAbi } from './listener-abi';

export function contractEventId(log: Pick<ChainLog, 'blockHash' | 'logIndex'>): string {
  return `${log.blockHash}:${log.logIndex}`;
}

export function contractEventKey(event: Pick<ContractEvent, 'address' | 'topics'>): string {
  return `${event.address.toLowerCase()}:${event.topics[0] ?? 'anonymous'}`;
}

export function toContractEvent(
  log: ChainLog,
  abi: ListenerAbi,
  listener: { id: string; networkId: string },
): ContractEvent {
  return {
    id: contractEventId(log),
    listenerId: listener.id,
    networkId: listener.networkId,
    removed: false,
    address: log.address,
    blockNumber: String(log.blockNumber),
    blockHash: log.blockHash,
    transactionHash: log.transactionHash,
    logIndex: log.logIndex,
    topics: log.topics,
    data: log.data,
    event: abi.decode(log),
  };
}

/** Chain order: by block, then by position in the block. */
export function inChainOrder(logs: ChainLog[]): ChainLog[] {
  return [...logs].sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);
}
