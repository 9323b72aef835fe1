/** ethers v6 adapter of {@link EvmNode}: one static-network provider per RPC URL. */
import {
  FetchRequest,
  getAddress,
  JsonRpcProvider,
  Network,
  type TransactionRequest,
} from 'ethers';
import { EvmNode, type FeeData, type ReceiptView } from './evm-node';
import { revertDataOf } from '../transactions/revert-reason';
import { jsonRpcBatch } from './json-rpc-call';

/** Receipts asked for in one JSON-RPC batch request. */
const RECEIPT_BATCH = 200;

interface RawReceipt {
  transactionHash: string;
  status: string | null;
  blockNumber: string;
  blockHash: string;
  contractAddress: string | null;
}

/** A receipt as the node sends it, as ethers would present it (checksummed contract address). */
function receiptView(raw: RawReceipt | null): ReceiptView | null {
  if (!raw) return null;
  return {
    hash: raw.transactionHash,
    status: raw.status !== null && BigInt(raw.status) === 1n ? 1 : 0,
    blockNumber: Number(BigInt(raw.blockNumber)),
    blockHash: raw.blockHash,
    contractAddress: raw.contractAddress ? getAddress(raw.contractAddress) : null,
  };
}

export class EthersEvmNode extends EvmNode {
  private readonly providers = new Map<string, Promise<JsonRpcProvider>>();

  constructor(private readonly timeoutMs = 5000) {
    super();
  }

  async chainId(rpcUrl: string): Promise<bigint> {
    return (await (await this.provider(rpcUrl)).getNetwork()).chainId;
  }

  async estimateGas(rpcUrl: string, tx: TransactionRequest): Promise<bigint> {
    return (await this.provider(rpcUrl)).estimateGas(tx);
  }

  async feeData(rpcUrl: string): Promise<FeeData> {
    const provider = await this.provider(rpcUrl);
    const [block, gasPriceHex, tipHex] = await Promise.all([
      provider.getBlock('latest'),
      provider.send('eth_gasPrice', []) as Promise<string>,
      (provider.send('eth_maxPriorityFeePerGas', []) as Promise<string>).catch(() => '0x0'),
    ]);
    return {
      baseFeePerGas: block?.baseFeePerGas ?? null,
      gasPrice: BigInt(gasPriceHex),
      maxPriorityFeePerGas: BigInt(tipHex),
    };
  }

  async broadcast(rpcUrl: string, raw: string): Promise<string> {
    return (await (await this.provider(rpcUrl)).send('eth_sendRawTransaction', [raw])) as string;
  }

  async receipt(rpcUrl: string, hash: string): Promise<ReceiptView | null> {
    const receipt = await (await this.provider(rpcUrl)).getTransactionReceipt(hash);
    if (!receipt) return null;
    return {
      hash: receipt.hash,
      status: receipt.status === 1 ? 1 : 0,
      blockNumber: receipt.blockNumber,
      blockHash: receipt.blockHash,
      contractAddress: receipt.contractAddress,
    };
  }

  async receipts(rpcUrl: string, hashes: string[]): Promise<(ReceiptView | null | Error)[]> {
    const answers: (ReceiptView | null | Error)[] = [];
    for (let at = 0; at < hashes.length; at += RECEIPT_BATCH) {
      const calls = hashes
        .slice(at, at + RECEIPT_BATCH)
        .map((hash) => ({ method: 'eth_getTransactionReceipt', params: [hash] }));
      const results = await jsonRpcBatch(rpcUrl, calls, this.timeoutMs);
      answers.push(
        ...results.map((result) =>
          result instanceof Error ? result : receiptView(result as RawReceipt | null),
        ),
      );
    }
    return answers;
  }

  async isKnown(rpcUrl: string, hash: string): Promise<boolean> {
    return (await (await this.provider(rpcUrl)).send('eth_getTransactionByHash', [hash])) !== null;
  }

  async blockNumber(rpcUrl: string): Promise<number> {
    return (await this.provider(rpcUrl)).getBlockNumber();
  }

  async minedCount(rpcUrl: string, address: string): Promise<number> {
    return (await this.provider(rpcUrl)).getTransactionCount(address, 'latest');
  }

  async revertData(
    rpcUrl: string,
    tx: TransactionRequest,
    blockTag: number,
  ): Promise<string | null> {
    try {
      await (await this.provider(rpcUrl)).call({ ...tx, blockTag });
      return null;
    } catch (error) {
      return revertDataOf(error) ?? '0x';
    }
  }

  async send(rpcUrl: string, method: string, params: unknown[]): Promise<unknown> {
    return (await this.provider(rpcUrl)).send(method, params);
  }

  async close(): Promise<void> {
    const providers = await Promise.allSettled(this.providers.values());
    providers.forEach((p) => p.status === 'fulfilled' && p.value.destroy());
    this.providers.clear();
  }

  private provider(rpcUrl: string): Promise<JsonRpcProvider> {
    const known = this.providers.get(rpcUrl);
    if (known) return known;
    const created = this.connect(rpcUrl);
    this.providers.set(rpcUrl, created);
    created.catch(() => this.providers.delete(rpcUrl));
    return created;
  }

  private async connect(rpcUrl: string): Promise<JsonRpcProvider> {
    const request = new FetchRequest(rpcUrl);
    request.timeout = this.timeoutMs;
    const probe = new JsonRpcProvider(request, Network.from(0n), {
      staticNetwork: true,
      batchMaxCount: 1,
    });
    let chainId: bigint;
    try {
      chainId = BigInt((await probe.send('eth_chainId', [])) as string);
    } finally {
      probe.destroy();
    }
    return new JsonRpcProvider(request, Network.from(chainId), {
      staticNetwork: true,
      batchMaxCount: 1,
      cacheTimeout: -1,
    });
  }
}
