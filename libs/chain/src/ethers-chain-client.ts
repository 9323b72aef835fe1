/**
 * ethers v6 adapter of {@link ChainClient}. One provider per RPC URL, created lazily and kept
 * (providers hold connection state); static network so ethers never polls chain id in the
 * background.
 */
import { FetchRequest, JsonRpcProvider, Network } from 'ethers';
import { ChainClient, type ChainHead } from './chain-client';

export class EthersChainClient extends ChainClient {
  private readonly providers = new Map<string, JsonRpcProvider>();

  constructor(private readonly timeoutMs = 5000) {
    super();
  }

  async head(rpcUrl: string): Promise<ChainHead> {
    const provider = await this.provider(rpcUrl);
    const [chainIdHex, block] = await Promise.all([
      provider.send('eth_chainId', []) as Promise<string>,
      provider.getBlock('latest'),
    ]);
    if (!block?.hash) throw new Error('the node returned no latest block');
    return {
      chainId: BigInt(chainIdHex),
      number: block.number,
      hash: block.hash,
      timestamp: new Date(block.timestamp * 1000),
    };
  }

  async close(): Promise<void> {
    this.providers.forEach((provider) => provider.destroy());
    this.providers.clear();
  }

  private async provider(rpcUrl: string): Promise<JsonRpcProvider> {
    const known = this.providers.get(rpcUrl);
    if (known) return known;
    const request = new FetchRequest(rpcUrl);
    request.timeout = this.timeoutMs;
    // Detect the chain id with a throw-away provider: a provider without a known network would
    // otherwise retry detection in the background forever while the node is down.
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
    const provider = new JsonRpcProvider(request, Network.from(chainId), {
      staticNetwork: true,
      batchMaxCount: 1,
    });
    this.providers.set(rpcUrl, provider);
    return provider;
  }
}
