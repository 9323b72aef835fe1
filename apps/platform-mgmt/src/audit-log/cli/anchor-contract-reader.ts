/**
 * Reads anchors straight from the chain with ethers, from an RPC endpoint the auditor chooses:
 * `AuditAnchors.anchorOf(root)` and the anchoring transaction's receipt. The ABI is written out
 * here (not taken from the platform) so the check depends only on the published contract.
 */
import { Contract, Interface, JsonRpcProvider } from 'ethers';

const ABI = [
  'function anchorOf(bytes32 root) view returns (uint64 firstSequence, uint64 lastSequence, uint64 blockNumber)',
  'event Anchored(uint256 indexed index, bytes32 indexed root, uint64 firstSequence, uint64 lastSequence)',
];

export interface OnChainAnchor {
  firstSequence: number;
  lastSequence: number;
  blockNumber: number;
}

export interface AnchorContractReader {
  chainId(): Promise<string>;
  /** The range recorded for `root`, or undefined when the contract never anchored it. */
  anchorOf(contract: string, root: string): Promise<OnChainAnchor | undefined>;
  /** Whether transaction `txHash` succeeded and emitted Anchored(root, first, last) from `contract`. */
  transactionAnchored(
    txHash: string,
    contract: string,
    root: string,
    range: { firstSequence: number; lastSequence: number },
  ): Promise<boolean>;
}

export class EthersAnchorContractReader implements AnchorContractReader {
  private readonly provider: JsonRpcProvider;
  private readonly abi = new Interface(ABI);

  constructor(rpcUrl: string) {
    this.provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true });
  }

  async chainId(): Promise<string> {
    return (await this.provider.getNetwork()).chainId.toString();
  }

  async anchorOf(contract: string, root: string): Promise<OnChainAnchor | undefined> {
    const code = await this.provider.getCode(contract);
    if (code === '0x') return undefined;
    const anchors = new Contract(contract, this.abi, this.provider);
    const [first, last, block] = (await anchors.getFunction('anchorOf')(root)) as [
      bigint,
      bigint,
      bigint,
    ];
    if (last === 0n) return undefined;
    return { firstSequence: Number(first), lastSequence: Number(last), blockNumber: Number(block) };
  }

  async transactionAnchored(
    txHash: string,
    contract: string,
    root: string,
    range: { firstSequence: number; lastSequence: number },
  ): Promise<boolean> {
    const receipt = await this.provider.getTransactionReceipt(txHash);
    if (!receipt || receipt.status !== 1) return false;
    return receipt.logs.some((log) => {
      if (log.address.toLowerCase() !== contract.toLowerCase()) return false;
      const parsed = this.abi.parseLog(log);
      return (
        parsed?.name === 'Anchored' &&
        String(parsed.args.root).toLowerCase() === root.toLowerCase() &&
        Number(parsed.args.firstSequence) === range.firstSequence &&
        Number(parsed.args.lastSequence) === range.lastSequence
      );
    });
  }

  destroy(): void {
    this.provider.destroy();
  }
}
