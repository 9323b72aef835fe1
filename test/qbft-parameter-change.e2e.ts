/**
 * An approved network-parameter change on a provisioned QBFT network, end to end: two
 * validator-owning institutions approve a new block period and gas limit; platform-mgmt schedules
 * them the way Besu documents — a `transitions.qbft` entry for a block past the network head the
 * monitor observed, and `target-gas-limit` in every node config — and each institution's bundle
 * carries the regenerated genesis.json and config.toml (the genesis block itself is unchanged).
 */
import { randomUUID } from 'node:crypto';
import { SigningKey } from 'ethers';
import { parse as parseToml } from 'smol-toml';
import {
  Configuration,
  GovernanceApi,
  MonitoringApi,
  NodesApi,
  ProvisioningApi,
} from '@strata/sdk';
import { createUser, passwordToken, readE2eRun } from '@strata/testing';
import { apiAs, gatewayUrl, uniqueName } from './support/api';
import { eventually } from './support/eventually';

interface Institution {
  organisationId: string;
  governance: GovernanceApi;
  provisioning: ProvisioningApi;
}

async function institutionAdminOf(organisationId: string): Promise<Institution> {
  const username = `param-${randomUUID().slice(0, 8)}`;
  await createUser({
    username,
    password: 'strata-test',
    roles: ['institution-admin'],
    organisationId,
  });
  const token = (await passwordToken(username, 'strata-test')).accessToken;
  const configuration = new Configuration({
    basePath: gatewayUrl(),
    accessToken: async () => token,
  });
  return {
    organisationId,
    governance: new GovernanceApi(configuration),
    provisioning: new ProvisioningApi(configuration),
  };
}

const fileOf = (files: { path: string; content: string }[], path: string): string => {
  const found = files.find((file) => file.path === path);
  if (!found) throw new Error(`no ${path} in the bundle`);
  return found.content;
};

describe('network parameter changes as Besu transitions', () => {
  it('schedules an approved block period and gas limit change past the observed head and regenerates the bundle', async () => {
    const admin = await apiAs('admin');
    const adminConfig = new Configuration({
      basePath: gatewayUrl(),
      accessToken: async () => admin.token,
    });
    const organisations: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      organisations.push(
        (
          await admin.organisations.registerOrganisation({
            registerOrganisation: { name: uniqueName(`Parameter institution ${i}`), country: 'NL' },
          })
        ).id,
      );
    }
    const networkId = (
      await admin.networks.registerNetwork({
        registerNetwork: {
          name: uniqueName('Parameter network'),
          memberOrganisationIds: organisations,
          rpcUrl: readE2eRun().anvilRpcUrl,
        },
      })
    ).id;
    const plan = await new ProvisioningApi(adminConfig).provisionNetwork({
      id: networkId,
      idempotencyKey: randomUUID(),
      provisionNetwork: {
        parameters: { chainId: 31337, blockPeriodSeconds: 2, gasLimit: 30_000_000 },
        institutions: organisations.map((organisationId) => ({ organisationId, validators: 1 })),
      },
    });
    // An RPC node the monitor can reach gives the network head (the provisioned nodes run elsewhere).
    const key = new SigningKey(`0x${randomUUID().replace(/-/g, '').padEnd(64, '3')}`);
    await new NodesApi(adminConfig).joinNode({
      id: networkId,
      joinNode: {
        name: 'observer-rpc',
        organisationId: organisations[0],
        role: 'rpc',
        enode: `enode://${key.publicKey.slice(4)}@observer.example.org:30303`,
        endpoints: { rpcUrl: readE2eRun().anvilRpcUrl },
      },
    });
    const head = await eventually(async () => {
      const health = await new MonitoringApi(adminConfig).getNetworkHealth({ id: networkId });
      return health.headBlock ?? undefined;
    }, 'the monitor to observe the network head');

    const [first, second] = [
      await institutionAdminOf(organisations[0]),
      await institutionAdminOf(organisations[1]),
    ];
    const proposal = await first.governance.submitProposal({
      id: networkId,
      idempotencyKey: randomUUID(),
      submitProposal: {
        action: {
          kind: 'change-parameters',
          parameters: { blockPeriodSeconds: 5, gasLimit: 40_000_000 },
        },
        deadline: new Date(Date.now() + 10 * 60_000),
      },
    });
    for (const voter of [first, second])
      await voter.governance.castVote({
        id: networkId,
        proposalId: proposal.id,
        castVote: { approve: true },
      });
    const executed = await eventually(async () => {
      const current = await first.governance.getProposal({
        id: networkId,
        proposalId: proposal.id,
      });
      return current.status === 'executed' ? current : undefined;
    }, 'the parameter change to be scheduled');
    expect(executed.outcome).toMatch(/Besu transition at block \d+/);

    const after = await first.provisioning.getProvisioningPlan({ id: networkId });
    expect(after.parameters).toEqual(plan.parameters);
    expect(after.transitions).toHaveLength(1);
    const [transition] = after.transitions ?? [];
    expect(transition).toMatchObject({
      proposalId: proposal.id,
      blockPeriodSeconds: 5,
      gasLimit: 40_000_000,
    });
    expect(transition.block).toBeGreaterThan(head);

    for (const institution of [first, second]) {
      const bundle = await institution.provisioning.getProvisioningBundle({ id: networkId });
      const genesis = JSON.parse(fileOf(bundle.files, 'genesis.json')) as {
        config: { qbft: { blockperiodseconds: number }; transitions: { qbft: unknown[] } };
        gasLimit: string;
        extraData: string;
      };
      expect(genesis.config.transitions.qbft).toEqual([
        { block: transition.block, blockperiodseconds: 5 },
      ]);
      expect(genesis.config.qbft.blockperiodseconds).toBe(2);
      expect(genesis.gasLimit).toBe(`0x${(30_000_000).toString(16)}`);
      expect(genesis.extraData).toBe(plan.genesisExtraData);
      const ownNode = plan.nodes.find((node) => node.organisationId === institution.organisationId);
      const config = parseToml(fileOf(bundle.files, `nodes/${ownNode?.name}/config.toml`));
      expect(config['target-gas-limit']).toBe(40_000_000);
    }
  });
});
