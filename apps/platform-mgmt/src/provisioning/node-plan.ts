/**
 * Turns a provisioning request (per-institution node counts) into named nodes with fresh keys.
 * Node names are stable DNS labels: `org<first 8 hex of the organisation id>-<role>-<n>`.
 */
import type { NodeRole, ProvisionNetworkBody } from '@strata/contracts';
import { enodeUrl, generateNodeKey, type NodeKey } from './node-key';
import { type LayoutNode, type NetworkLayout, P2P_PORT } from './network-layout';

const ROLE_COUNTS: readonly [NodeRole, 'validators' | 'bootnodes' | 'members' | 'rpc'][] = [
  ['validator', 'validators'],
  ['bootnode', 'bootnodes'],
  ['member', 'members'],
  ['rpc', 'rpc'],
];

export interface PlannedNetwork {
  readonly layout: NetworkLayout;
  /** Private key of every node, by node name: goes to the NodeKeyStore, never into a reply. */
  readonly keys: ReadonlyMap<string, string>;
}

export function planNetwork(
  networkId: string,
  body: ProvisionNetworkBody,
  newKey: () => NodeKey = generateNodeKey,
): PlannedNetwork {
  const keys = new Map<string, string>();
  const nodes: LayoutNode[] = body.institutions.flatMap((institution) =>
    ROLE_COUNTS.flatMap(([role, field]) =>
      Array.from({ length: institution[field] }, (_, index) => {
        const name = `org${institution.organisationId.replace(/-/g, '').slice(0, 8)}-${role}-${index + 1}`;
        const key = newKey();
        keys.set(name, key.privateKey);
        return {
          name,
          organisationId: institution.organisationId,
          role,
          address: key.address,
          publicKey: key.publicKey,
          enode: enodeUrl(key.publicKey, name, P2P_PORT),
        };
      }),
    ),
  );
  const genesisValidators = nodes
    .filter((node) => node.role === 'validator')
    .map((node) => node.address);
  return { layout: { networkId, parameters: body.parameters, genesisValidators, nodes }, keys };
}
