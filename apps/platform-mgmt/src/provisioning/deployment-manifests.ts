/**
 * Deployment manifests for an institution's own nodes: a docker-compose file and Kubernetes
 * objects (ConfigMap, Secret, headless Service, StatefulSet per node), all on the pinned Besu image.
 */
import { stringify } from 'yaml';
import { CONTAINER_PATHS } from './network-files';
import { BESU_IMAGE, type LayoutNode, P2P_PORT, RPC_PORT } from './network-layout';

/** Bundle paths of a node's files, relative to the bundle root (the compose file's folder). */
export const nodePaths = (node: LayoutNode) => ({
  toml: `nodes/${node.name}/config.toml`,
  key: `nodes/${node.name}/key`,
  publicKey: `nodes/${node.name}/key.pub`,
});

export function dockerCompose(nodes: readonly LayoutNode[]): string {
  const services = Object.fromEntries(
    nodes.map((node) => [
      node.name,
      {
        image: BESU_IMAGE,
        restart: 'unless-stopped',
        command: ['--config-file=/config/config.toml'],
        volumes: [
          `./${nodePaths(node).toml}:/config/config.toml:ro`,
          './genesis.json:/config/genesis.json:ro',
          './static-nodes.json:/config/static-nodes.json:ro',
          './permissions_config.toml:/config/permissions_config.toml',
          `./${nodePaths(node).key}:${CONTAINER_PATHS.key}:ro`,
          `${node.name}-data:${CONTAINER_PATHS.data}`,
        ],
        ports: [`${P2P_PORT}`, `${P2P_PORT}/udp`, `${RPC_PORT}`],
        networks: ['besu'],
      },
    ]),
  );
  const volumes = Object.fromEntries(nodes.map((node) => [`${node.name}-data`, {}]));
  return stringify({ name: 'strata-besu', services, volumes, networks: { besu: {} } });
}

export interface KubernetesInputs {
  readonly genesis: string;
  readonly staticNodes: string;
  readonly permissions: string;
  readonly tomlOf: (node: LayoutNode) => string;
}

/** One multi-document YAML for a node: ConfigMap, Secret (key file), Service and StatefulSet. */
export function kubernetesManifests(
  node: LayoutNode,
  inputs: KubernetesInputs,
  privateKey: string,
): string {
  const labels = { app: 'besu', 'strata.node': node.name, 'strata.role': node.role };
  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `${node.name}-config`, labels },
    data: {
      'config.toml': inputs.tomlOf(node),
      'genesis.json': inputs.genesis,
      'static-nodes.json': inputs.staticNodes,
      'permissions_config.toml': inputs.permissions,
    },
  };
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: { name: `${node.name}-key`, labels },
    stringData: { key: privateKey },
  };
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: node.name, labels },
    spec: {
      clusterIP: 'None',
      selector: labels,
      ports: [
        { name: 'p2p-tcp', port: P2P_PORT, protocol: 'TCP' },
        { name: 'p2p-udp', port: P2P_PORT, protocol: 'UDP' },
        { name: 'json-rpc', port: RPC_PORT, protocol: 'TCP' },
      ],
    },
  };
  const statefulSet = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: node.name, labels },
    spec: {
      serviceName: node.name,
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'besu',
              image: BESU_IMAGE,
              args: ['--config-file=/config/config.toml'],
              ports: [
                { name: 'p2p-tcp', containerPort: P2P_PORT, protocol: 'TCP' },
                { name: 'p2p-udp', containerPort: P2P_PORT, protocol: 'UDP' },
                { name: 'json-rpc', containerPort: RPC_PORT, protocol: 'TCP' },
              ],
              volumeMounts: [
                { name: 'config', mountPath: CONTAINER_PATHS.config },
                { name: 'key', mountPath: '/secrets', readOnly: true },
                { name: 'data', mountPath: CONTAINER_PATHS.data },
              ],
              readinessProbe: { httpGet: { path: '/liveness', port: RPC_PORT } },
            },
          ],
          volumes: [
            { name: 'config', configMap: { name: `${node.name}-config` } },
            { name: 'key', secret: { secretName: `${node.name}-key`, defaultMode: 0o400 } },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } },
        },
      ],
    },
  };
  return [configMap, secret, service, statefulSet].map((doc) => stringify(doc)).join('---\n');
}
