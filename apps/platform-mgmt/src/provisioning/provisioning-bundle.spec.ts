/** Genesis, configs, manifests and bundles of a 4-institution QBFT network, parsed back. */
import { randomUUID } from 'node:crypto';
import { parse as parseToml } from 'smol-toml';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { provisionNetworkBodySchema } from '@strata/contracts';
import { decodeQbftExtraData } from '../qbft/qbft-extra-data';
import { genesisJson } from './network-files';
import { planNetwork } from './node-plan';
import { institutionBundle } from './provisioning-bundle';
import { BESU_IMAGE } from './network-layout';

interface KubernetesObject {
  kind: string;
  stringData?: { key: string };
  spec?: { template?: { spec: { containers: { image: string }[] } } };
}

const organisations = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
const body = provisionNetworkBodySchema.parse({
  parameters: {
    chainId: 2026,
    prefundedAccounts: [{ address: `0x${'ab'.repeat(20)}`, balanceWei: '1000000000000000000' }],
  },
  institutions: organisations.map((organisationId, index) => ({
    organisationId,
    validators: 1,
    ...(index === 0 ? { bootnodes: 1, rpc: 1 } : {}),
  })),
});
const { layout, keys } = planNetwork(randomUUID(), body);
const bundleOf = (organisationId: string) =>
  institutionBundle(
    layout,
    organisationId,
    new Map(
      layout.nodes
        .filter((node) => node.organisationId === organisationId)
        .map((node) => [node.name, keys.get(node.name) ?? '']),
    ),
  );
const file = (bundle: ReturnType<typeof bundleOf>, path: string) => {
  const found = bundle.files.find((candidate) => candidate.path === path);
  if (!found) throw new Error(`no ${path} in the bundle`);
  return found.content;
};

describe('QBFT provisioning', () => {
  it('puts the 4 validators, in order, into the genesis extraData', () => {
    const genesis = genesisJson(layout);
    const validators = layout.nodes.filter((node) => node.role === 'validator');
    expect(validators).toHaveLength(4);
    expect(decodeQbftExtraData(genesis.extraData as string).validators).toEqual(
      validators.map((node) => node.address),
    );
  });

  it('writes a free-gas QBFT genesis with the parameters and pre-funded accounts', () => {
    const genesis = JSON.parse(file(bundleOf(organisations[1]), 'genesis.json'));
    expect(genesis.config).toMatchObject({
      chainId: 2026,
      zeroBaseFee: true,
      qbft: { blockperiodseconds: 2, epochlength: 30000, requesttimeoutseconds: 4 },
    });
    expect(genesis.baseFeePerGas).toBe('0x0');
    expect(genesis.alloc[`0x${'ab'.repeat(20)}`].balance).toBe('0xde0b6b3a7640000');
  });

  it('gives an institution only its own private keys', () => {
    const bundle = bundleOf(organisations[0]);
    const secrets = bundle.files
      .filter((entry) => entry.secret)
      .map((entry) => entry.content)
      .join();
    const everything = bundle.files.map((entry) => entry.content).join();
    for (const node of layout.nodes) {
      const key = (keys.get(node.name) ?? '').slice(2);
      if (node.organisationId === organisations[0]) expect(secrets).toContain(key);
      else expect(everything).not.toContain(key);
    }
  });

  it('writes Besu TOML configs and a permissions file that parse, with every node allowed', () => {
    const bundle = bundleOf(organisations[0]);
    const own = layout.nodes.filter((node) => node.organisationId === organisations[0]);
    expect(own.map((node) => node.role).sort()).toEqual(['bootnode', 'rpc', 'validator']);
    for (const node of own) {
      const config = parseToml(file(bundle, `nodes/${node.name}/config.toml`));
      expect(config).toMatchObject({
        'p2p-port': 30303,
        'rpc-http-port': 8545,
        'min-gas-price': 0,
      });
      expect(config['rpc-http-api']).toEqual(expect.arrayContaining(['QBFT', 'PERM', 'ADMIN']));
    }
    const permissions = parseToml(file(bundle, 'permissions_config.toml'));
    expect(permissions['nodes-allowlist']).toEqual(layout.nodes.map((node) => node.enode));
    expect(permissions['accounts-allowlist']).toContain(`0x${'ab'.repeat(20)}`);
    expect(JSON.parse(file(bundle, 'static-nodes.json'))).toHaveLength(layout.nodes.length);
  });

  it('writes a docker-compose and Kubernetes manifests that parse, on the pinned Besu image', () => {
    const bundle = bundleOf(organisations[0]);
    const compose = parseYaml(file(bundle, 'docker-compose.yml')) as {
      services: Record<string, { image: string }>;
    };
    const own = layout.nodes.filter((node) => node.organisationId === organisations[0]);
    expect(Object.keys(compose.services).sort()).toEqual(own.map((node) => node.name).sort());
    expect(Object.values(compose.services).every((service) => service.image === BESU_IMAGE)).toBe(
      true,
    );
    expect(BESU_IMAGE).toMatch(/^hyperledger\/besu:\d+\.\d+\.\d+$/);
    const validator = own.find((node) => node.role === 'validator');
    const docs = parseAllDocuments(file(bundle, `kubernetes/${validator?.name}.yaml`));
    expect(docs.map((doc) => doc.errors)).toEqual([[], [], [], []]);
    const objects = docs.map((doc) => doc.toJS() as KubernetesObject);
    expect(objects.map((object) => object.kind)).toEqual([
      'ConfigMap',
      'Secret',
      'Service',
      'StatefulSet',
    ]);
    expect(objects[3].spec?.template?.spec.containers[0].image).toBe(BESU_IMAGE);
    expect(objects[1].stringData?.key).toBe(keys.get(validator?.name ?? ''));
  });

  it('bundles only shared files for a member without nodes', () => {
    const bundle = bundleOf(randomUUID());
    expect(bundle.files.map((entry) => entry.path)).toEqual([
      'genesis.json',
      'static-nodes.json',
      'permissions_config.toml',
    ]);
  });

  it('refuses a network without validators and an institution listed twice', () => {
    const organisationId = randomUUID();
    expect(
      provisionNetworkBodySchema.safeParse({
        parameters: { chainId: 1 },
        institutions: [{ organisationId, members: 2 }],
      }).success,
    ).toBe(false);
    expect(
      provisionNetworkBodySchema.safeParse({
        parameters: { chainId: 1 },
        institutions: [
          { organisationId, validators: 1 },
          { organisationId, validators: 1 },
        ],
      }).success,
    ).toBe(false);
  });
});
