/**
 * The chain explorer of a network, read live from its node: blocks newest first (offset pages
 * from the head), a block with its transactions, a transaction with its receipt and decoded
 * events, the events of a block range, and a search by block number, hash or address. Readable
 * by the network's member organisations and by global readers (platform admin, auditor);
 * anyone else gets a 404 (no existence leak).
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  ADDRESS_RECENT_LIMIT,
  type Actor,
  type AddressDetail,
  type BlockDetail,
  type EventPage,
  type EventRangeRequest,
  type ExplorerEvent,
  hasGlobalReadScope,
  MAX_EVENT_BLOCK_SPAN,
  type Page,
  type PageRequest,
  type BlockSummary,
  type SearchResult,
  type TransactionDetail,
} from '@strata/contracts';
import { DomainProblem } from '@strata/bus';
import { EventListener } from '../event-sync/event-listener.entity';
import { ListenerAbi } from '../event-sync/listener-abi';
import { LedgerNetwork } from '../networks/ledger-network.entity';
import { networkFor, networkNotFound } from '../networks/network-access';
import { ExplorerChain, type RpcLog } from './explorer-chain';
import {
  blockDetail,
  blockSummary,
  checksummed,
  explorerEvent,
  transactionDetail,
  transactionSummary,
} from './explorer-views';

/** Blocks the address view scans for recent transactions and events. */
export const ADDRESS_SCAN_BLOCKS = 100;

interface Readable {
  id: string;
  rpcUrl: string;
}

@Injectable()
export class ExplorerService {
  constructor(private readonly chain: ExplorerChain) {}

  async blocks(
    em: EntityManager,
    networkId: string,
    page: PageRequest,
    actor: Actor | undefined,
  ): Promise<Page<BlockSummary>> {
    const network = await readable(em, networkId, actor);
    const head = await this.chain.head(network.rpcUrl);
    const newest = head - page.offset;
    const numbers: number[] = [];
    for (let n = newest; n >= 0 && numbers.length < page.limit; n--) numbers.push(n);
    const blocks = await Promise.all(numbers.map((n) => this.chain.block(network.rpcUrl, n)));
    return {
      items: blocks.filter((b) => b !== null).map(blockSummary),
      total: head + 1,
      limit: page.limit,
      offset: page.offset,
    };
  }

  async block(
    em: EntityManager,
    networkId: string,
    ref: string,
    actor: Actor | undefined,
  ): Promise<BlockDetail> {
    const network = await readable(em, networkId, actor);
    const block = await this.chain.block(network.rpcUrl, ref.startsWith('0x') ? ref : Number(ref));
    if (!block) throw DomainProblem.notFound('Block', ref);
    return blockDetail(block);
  }

  async transaction(
    em: EntityManager,
    networkId: string,
    hash: string,
    actor: Actor | undefined,
  ): Promise<TransactionDetail> {
    const network = await readable(em, networkId, actor);
    const found = await this.transactionOn(em, network, hash);
    if (!found) throw DomainProblem.notFound('Transaction', hash);
    return found;
  }

  async events(
    em: EntityManager,
    networkId: string,
    range: EventRangeRequest,
    actor: Actor | undefined,
  ): Promise<EventPage> {
    const network = await readable(em, networkId, actor);
    const toBlock = range.toBlock ?? (await this.chain.head(network.rpcUrl));
    const fromBlock = range.fromBlock ?? Math.max(0, toBlock - 99);
    if (fromBlock > toBlock || toBlock - fromBlock >= MAX_EVENT_BLOCK_SPAN) {
      throw badRange(
        `fromBlock must be at most toBlock and the range at most ${MAX_EVENT_BLOCK_SPAN} blocks`,
      );
    }
    const logs = await this.chain.logs(network.rpcUrl, {
      fromBlock,
      toBlock,
      address: range.address,
    });
    const newestFirst = logs.reverse();
    const decode = await this.decoder(em, network.id);
    return {
      items: newestFirst.slice(range.offset, range.offset + range.limit).map(decode),
      total: newestFirst.length,
      limit: range.limit,
      offset: range.offset,
      fromBlock: String(fromBlock),
      toBlock: String(toBlock),
    };
  }

  async search(
    em: EntityManager,
    networkId: string,
    q: string,
    actor: Actor | undefined,
  ): Promise<SearchResult> {
    const network = await readable(em, networkId, actor);
    if (/^\d+$/.test(q) || q.length === 66) {
      if (q.length === 66) {
        const transaction = await this.transactionOn(em, network, q);
        if (transaction) return { kind: 'transaction', transaction };
      }
      const block = await this.chain.block(network.rpcUrl, q.length === 66 ? q : Number(q));
      if (block) return { kind: 'block', block: blockSummary(block) };
      throw DomainProblem.notFound('Block or transaction', q);
    }
    return { kind: 'address', address: await this.address(em, network, q) };
  }

  private async address(
    em: EntityManager,
    network: Readable,
    address: string,
  ): Promise<AddressDetail> {
    const head = await this.chain.head(network.rpcUrl);
    const from = Math.max(0, head - ADDRESS_SCAN_BLOCKS + 1);
    const lower = address.toLowerCase();
    const numbers = Array.from({ length: head - from + 1 }, (_, i) => head - i);
    const [account, logs, blocks, decode] = await Promise.all([
      this.chain.account(network.rpcUrl, address),
      this.chain.logs(network.rpcUrl, { fromBlock: from, toBlock: head, address }),
      Promise.all(numbers.map((n) => this.chain.block(network.rpcUrl, n))),
      this.decoder(em, network.id),
    ]);
    const transactions = blocks
      .flatMap((b) => [...(b?.transactions ?? [])].reverse())
      .filter((tx) => tx.from.toLowerCase() === lower || tx.to?.toLowerCase() === lower)
      .slice(0, ADDRESS_RECENT_LIMIT);
    return {
      address: checksummed(address),
      balance: BigInt(account.balance).toString(),
      transactionCount: Number(BigInt(account.nonce)),
      isContract: account.code !== '0x' && account.code !== '',
      recentTransactions: transactions.map(transactionSummary),
      recentEvents: logs.reverse().slice(0, ADDRESS_RECENT_LIMIT).map(decode),
      scannedFromBlock: String(from),
      scannedToBlock: String(head),
    };
  }

  private async transactionOn(
    em: EntityManager,
    network: Readable,
    hash: string,
  ): Promise<TransactionDetail | null> {
    const [tx, receipt] = await Promise.all([
      this.chain.transaction(network.rpcUrl, hash),
      this.chain.receipt(network.rpcUrl, hash),
    ]);
    if (!tx) return null;
    return transactionDetail(tx, receipt, await this.decoder(em, network.id));
  }

  /** Decoding with the ABIs of the network's listeners (deleted ones included: same contracts). */
  private async decoder(
    em: EntityManager,
    networkId: string,
  ): Promise<(log: RpcLog) => ExplorerEvent> {
    const listeners = await em.find(
      EventListener,
      { networkId },
      { fields: ['abi'], orderBy: { createdAt: 'asc' } },
    );
    const abis: ListenerAbi[] = [];
    for (const listener of listeners) {
      try {
        abis.push(ListenerAbi.parse(listener.abi));
      } catch {
        // stored ABIs were checked at creation; skip rather than fail a read
      }
    }
    return (log) => explorerEvent(log, networkId, abis);
  }
}

async function readable(
  em: EntityManager,
  networkId: string,
  actor: Actor | undefined,
): Promise<Readable> {
  if (actor && hasGlobalReadScope(actor)) {
    const network = await em.findOne(LedgerNetwork, { id: networkId });
    if (!network) throw networkNotFound(networkId);
    return network;
  }
  return networkFor(em, networkId, actor?.organisationId, actor);
}

function badRange(message: string): DomainProblem {
  return DomainProblem.invalidFields(`The block range cannot be read: ${message}.`, [
    { path: 'fromBlock', message },
  ]);
}
