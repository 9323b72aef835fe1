/**
 * The bundle one institution downloads: the shared network files plus, for its own nodes only,
 * their Besu configs, private keys and manifests. Other institutions' keys are never passed in.
 */
import type { BundleFile, ProvisioningBundle } from '@strata/contracts';
import { dockerCompose, kubernetesManifests, nodePaths } from './deployment-manifests';
import { besuToml, genesisJson, permissionsToml, staticNodesJson } from './network-files';
import { BESU_IMAGE, type NetworkLayout } from './network-layout';

export function sharedFiles(layout: NetworkLayout): BundleFile[] {
  return [
    { path: 'genesis.json', content: json(genesisJson(layout)), secret: false },
    { path: 'static-nodes.json', content: json(staticNodesJson(layout)), secret: false },
    { path: 'permissions_config.toml', content: permissionsToml(layout), secret: false },
  ];
}

/** `ownKeys` maps the institution's node names to their private keys. */
export function institutionBundle(
  layout: NetworkLayout,
  organisationId: string,
  ownKeys: ReadonlyMap<string, string>,
): ProvisioningBundle {
  const shared = sharedFiles(layout);
  const own = layout.nodes.filter((node) => node.organisationId === organisationId);
  const deployable = own.filter((node) => ownKeys.has(node.name));
  const content = (path: string) => shared.find((file) => file.path === path)?.content ?? '';
  const tomlOf = besuToml.bind(null, layout);
  const nodeFiles = own.flatMap((node): BundleFile[] => {
    const privateKey = ownKeys.get(node.name);
    const config: BundleFile[] = [
      { path: nodePaths(node).toml, content: tomlOf(node), secret: false },
      { path: nodePaths(node).publicKey, content: `0x${node.publicKey}\n`, secret: false },
    ];
    // A node that joined with its own key: the platform never had its private key.
    if (!privateKey) return config;
    const inputs = {
      genesis: content('genesis.json'),
      staticNodes: content('static-nodes.json'),
      permissions: content('permissions_config.toml'),
      tomlOf,
    };
    return [
      ...config,
      { path: nodePaths(node).key, content: `${privateKey}\n`, secret: true },
      {
        path: `kubernetes/${node.name}.yaml`,
        content: kubernetesManifests(node, inputs, privateKey),
        secret: true,
      },
    ];
  });
  return {
    networkId: layout.networkId,
    organisationId,
    besuImage: BESU_IMAGE,
    files: [
      ...shared,
      ...(deployable.length
        ? [{ path: 'docker-compose.yml', content: dockerCompose(deployable), secret: false }]
        : []),
      ...nodeFiles,
    ],
  };
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
