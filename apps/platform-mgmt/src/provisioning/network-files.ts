/**
 * The files every node of a QBFT network shares: genesis.json (with the extraData of the initial
 * validators), static-nodes.json, the local permissioning file and each node's Besu TOML config.
 */
import { encodeGenesisExtraData } from '../qbft/qbft-extra-data';
import { genesisTransitionConfig, targetGasLimit } from './parameter-transitions';
import {
  bootnodesOf,
  type LayoutNode,
  type NetworkLayout,
  P2P_PORT,
  RPC_PORT,
} from './network-layout';

/** Where the manifests mount things inside the Besu container. */
export const CONTAINER_PATHS = {
  config: '/config',
  data: '/data',
  key: '/secrets/key',
} as const;

// QBFT's fixed mixHash ("Istanbul byzantine fault tolerance" digest) required by Besu.
const QBFT_MIX_HASH = '0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365';
const ZERO_ADDRESS = `0x${'00'.repeat(20)}`;

export function genesisJson(layout: NetworkLayout): Record<string, unknown> {
  const p = layout.parameters;
  const alloc = Object.fromEntries(
    p.prefundedAccounts.map((account) => [
      account.address.toLowerCase(),
      { balance: `0x${BigInt(account.balanceWei).toString(16)}` },
    ]),
  );
  return {
    config: {
      chainId: p.chainId,
      homesteadBlock: 0,
      eip150Block: 0,
      eip155Block: 0,
      eip158Block: 0,
      byzantiumBlock: 0,
      constantinopleBlock: 0,
      petersburgBlock: 0,
      istanbulBlock: 0,
      berlinBlock: 0,
      londonBlock: 0,
      ...(p.freeGas ? { zeroBaseFee: true } : {}),
      ...genesisTransitionConfig(p, layout.transitions ?? []),
    },
    nonce: '0x0',
    timestamp: '0x0',
    gasLimit: `0x${p.gasLimit.toString(16)}`,
    difficulty: '0x1',
    mixHash: QBFT_MIX_HASH,
    coinbase: ZERO_ADDRESS,
    ...(p.freeGas ? { baseFeePerGas: '0x0' } : {}),
    alloc,
    extraData: encodeGenesisExtraData(layout.genesisValidators),
  };
}

export function staticNodesJson(layout: NetworkLayout): string[] {
  return layout.nodes.map((node) => node.enode);
}

/** Besu local permissioning: which nodes may peer and which accounts may transact. */
export function permissionsToml(layout: NetworkLayout): string {
  const accounts = [
    ...layout.nodes.map((node) => node.address),
    ...layout.parameters.prefundedAccounts.map((account) => account.address),
  ].map((address) => address.toLowerCase());
  return [
    `nodes-allowlist=${tomlArray(layout.nodes.map((node) => node.enode))}`,
    `accounts-allowlist=${tomlArray([...new Set(accounts)])}`,
    '',
  ].join('\n');
}

export function besuToml(layout: NetworkLayout, node: LayoutNode): string {
  const apis = ['ETH', 'NET', 'WEB3', 'QBFT', 'ADMIN', 'PERM', 'TXPOOL'];
  const bootnodes = bootnodesOf(layout).filter((enode) => enode !== node.enode);
  const lines: [string, string][] = [
    ['data-path', tomlString(CONTAINER_PATHS.data)],
    ['genesis-file', tomlString(`${CONTAINER_PATHS.config}/genesis.json`)],
    ['node-private-key-file', tomlString(CONTAINER_PATHS.key)],
    ['identity', tomlString(node.name)],
    ['p2p-host', tomlString('0.0.0.0')],
    ['p2p-port', String(P2P_PORT)],
    ['Xdns-enabled', 'true'],
    ['Xdns-update-enabled', 'true'],
    ['bootnodes', tomlArray(bootnodes)],
    ['static-nodes-file', tomlString(`${CONTAINER_PATHS.config}/static-nodes.json`)],
    ['rpc-http-enabled', 'true'],
    ['rpc-http-host', tomlString('0.0.0.0')],
    ['rpc-http-port', String(RPC_PORT)],
    ['rpc-http-api', tomlArray(apis)],
    ['host-allowlist', tomlArray(['*'])],
    ['permissions-nodes-config-file-enabled', 'true'],
    [
      'permissions-nodes-config-file',
      tomlString(`${CONTAINER_PATHS.config}/permissions_config.toml`),
    ],
    ['permissions-accounts-config-file-enabled', 'true'],
    [
      'permissions-accounts-config-file',
      tomlString(`${CONTAINER_PATHS.config}/permissions_config.toml`),
    ],
    ['metrics-enabled', 'true'],
    ['metrics-host', tomlString('0.0.0.0')],
    ['sync-mode', tomlString('FULL')],
    ...(layout.parameters.freeGas ? ([['min-gas-price', '0']] as [string, string][]) : []),
    ...gasTarget(layout),
  ];
  return `# Besu configuration of ${node.name} (${node.role}) on network ${layout.networkId}\n${lines
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')}\n`;
}

function gasTarget(layout: NetworkLayout): [string, string][] {
  const target = targetGasLimit(layout.transitions ?? []);
  return target === undefined ? [] : [['target-gas-limit', String(target)]];
}

function tomlString(value: string): string {
  return JSON.stringify(value);
}

function tomlArray(values: readonly string[]): string {
  return `[${values.map(tomlString).join(', ')}]`;
}
