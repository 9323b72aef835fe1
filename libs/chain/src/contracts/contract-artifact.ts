/**
 * The shape of a compiled contract as scripts/contracts.ts writes it into generated/: what a
 * deployment (bytecode) and a call or a log decoder (ABI) need, and which compiler made it.
 */
import type { InterfaceAbi } from 'ethers';

export interface ContractArtifact {
  contractName: string;
  sourceName: string;
  abi: InterfaceAbi;
  bytecode: string;
  deployedBytecode: string;
  compiler: {
    version: string;
    settings: { optimizer: { enabled: boolean; runs: number }; evmVersion: string };
  };
}
