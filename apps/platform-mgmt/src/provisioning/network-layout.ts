/**
 * The shape of a provisioned network that every generated file is derived from: its parameters
 * and its nodes (public data only; private keys stay in the NodeKeyStore).
 */
import type { NetworkParameters, NodeRole, ParameterTransition } from '@strata/contracts';

export const P2P_PORT = 30303;
export const RPC_PORT = 8545;
/** The Besu image every manifest runs; pinned so every institution runs the same release. */
export const BESU_IMAGE = 'hyperledger/besu:24.12.2';

export interface LayoutNode {
  readonly name: string;
  readonly organisationId: string;
  readonly role: NodeRole;
  readonly address: string;
  readonly publicKey: string;
  readonly enode: string;
}

export interface NetworkLayout {
  readonly networkId: string;
  readonly parameters: NetworkParameters;
  /** The validators written into the genesis: fixed at provisioning, whatever joins later. */
  readonly genesisValidators: readonly string[];
  /** The active nodes (they peer with each other and are permissioned). */
  readonly nodes: readonly LayoutNode[];
  /** Approved parameter changes (genesis transitions, target gas limit). */
  readonly transitions?: readonly ParameterTransition[];
}

/**
 * A provisioned node's JSON-RPC URL inside the generated deployment: the node name is its DNS
 * name there (compose service, Kubernetes Service), so the platform, the ledger and the console's
 * backend reach it when they run in the same network. Nodes elsewhere join with their own URL.
 */
export const nodeRpcUrl = (name: string): string => `http://${name}:${RPC_PORT}`;

export const bootnodesOf = (layout: NetworkLayout): string[] =>
  layout.nodes.filter((node) => node.role === 'bootnode').map((node) => node.enode);
