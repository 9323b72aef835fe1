/**
 * QBFT provisioning and the nodes registry end to end on the real stack, through the generated
 * SDK: a 4-institution network provisioned by a platform admin, each institution downloading a
 * bundle with only its own keys, nodes joining and leaving, and bad input refused with nothing stored.
 */
import { randomUUID } from 'node:crypto';
import { computeAddress, decodeRlp, getAddress, SigningKey } from 'ethers';
import { Configuration, NodesApi, ProvisioningApi, type ProvisioningBundle } from '@strata/sdk';
import { createUser, passwordToken, readE2eRun } from '@strata/testing';
import { apiAs, type Api, gatewayUrl, problemOf, raw, uniqueName } from './support/api';

interface Consortium {
  provisioning: ProvisioningApi;
  nodes: NodesApi;
}

async function consortiumAs(username: string, password = 'strata'): Promise<Consortium> {
  const token = (await passwordToken(username, password)).accessToken;
  const configuration = new Configuration({
    basePath: gatewayUrl(),
    accessToken: async () => token,
  });
  return { provisioning: new ProvisioningApi(configuration), nodes: new NodesApi(configuration) };
}

async function institutionAdminOf(organisationId: string): Promise<Consortium & { api: Api }> {
  const username = `qbft-${randomUUID().slice(0, 8)}`;
  await createUser({
    username,
    password: 'strata-test',
    roles: ['institution-admin'],
    organisationId,
  });
  return {
    ...(await consortiumAs(username, 'strata-test')),
    api: await apiAs(username, 'strata-test'),
  };
}

const enodeOf = (seed: number, host = 'node.example.org') => {
  const key = new SigningKey(`0x${seed.toString(16).padStart(64, '0')}`);
  return {
    enode: `enode://${key.publicKey.slice(4)}@${host}:30303`,
    address: computeAddress(key.publicKey),
  };
};

/** Validators of a QBFT extraData, read with plain RLP (independent of the platform's codec). */
const validatorsOfExtraData = (extraData: string): string[] =>
  ((decodeRlp(extraData) as unknown[])[1] as string[]).map((address) => getAddress(address));

const secretAddresses = (bundle: ProvisioningBundle): string[] =>
  bundle.files
    .filter((file) => file.secret && file.path.endsWith('/key'))
    .map((file) => computeAddress(new SigningKey(file.content.trim()).publicKey));

describe('QBFT provisioning and nodes registry, end to end', () => {
  let admin: Api;
  let adminConsortium: Consortium;
  let organisations: string[];
  let networkId: string;

  beforeAll(async () => {
    admin = await apiAs('admin');
    adminConsortium = await consortiumAs('admin');
    organisations = [];
    for (let i = 0; i < 5; i += 1) {
      const created = await admin.organisations.registerOrganisation({
        registerOrganisation: { name: uniqueName(`Institution ${i}`), country: 'EE' },
      });
      organisations.push(created.id);
    }
    const network = await admin.networks.registerNetwork({
      registerNetwork: {
        name: uniqueName('QBFT consortium'),
        // The fifth organisation is registered but not a member.
        memberOrganisationIds: organisations.slice(0, 4),
        rpcUrl: readE2eRun().anvilRpcUrl,
      },
    });
    networkId = network.id;
  });

  it('refuses bad provisioning input with problem+json and stores nothing', async () => {
    const zeroValidators = await raw(admin, 'POST', `/api/v1/networks/${networkId}/provisioning`, {
      parameters: { chainId: 1337 },
      institutions: [{ organisationId: organisations[0], members: 1 }],
    });
    expect(zeroValidators.status).toBe(400);
    expect(zeroValidators.contentType).toMatch(/application\/problem\+json/);

    const outsider = await problemOf(
      adminConsortium.provisioning.provisionNetwork({
        id: networkId,
        provisionNetwork: {
          parameters: { chainId: 1337 },
          institutions: [{ organisationId: organisations[4], validators: 1 }],
        },
      }),
    );
    expect(outsider.status).toBe(422);
    expect(outsider.contentType).toMatch(/application\/problem\+json/);

    const unknownNetwork = await problemOf(
      adminConsortium.provisioning.provisionNetwork({
        id: randomUUID(),
        provisionNetwork: {
          parameters: { chainId: 1337 },
          institutions: [{ organisationId: organisations[0], validators: 1 }],
        },
      }),
    );
    expect(unknownNetwork.status).toBe(404);
    expect(
      (await problemOf(adminConsortium.provisioning.getProvisioningPlan({ id: networkId }))).status,
    ).toBe(404);
    expect(await adminConsortium.nodes.listNodes({ id: networkId })).toEqual([]);
  });

  it('provisions 4 institutions: the genesis extraData decodes to the 4 validators and each bundle holds only its own keys', async () => {
    const institution = await institutionAdminOf(organisations[0]);
    const forbidden = await problemOf(
      institution.provisioning.provisionNetwork({
        id: networkId,
        provisionNetwork: {
          parameters: { chainId: 1337 },
          institutions: [{ organisationId: organisations[0], validators: 1 }],
        },
      }),
    );
    expect(forbidden.status).toBe(403);

    const plan = await adminConsortium.provisioning.provisionNetwork({
      id: networkId,
      idempotencyKey: randomUUID(),
      provisionNetwork: {
        parameters: { chainId: 31337, blockPeriodSeconds: 2, freeGas: true },
        institutions: organisations.slice(0, 4).map((organisationId, index) => ({
          organisationId,
          validators: 1,
          ...(index === 0 ? { bootnodes: 1 } : {}),
        })),
      },
    });
    const validators = plan.nodes.filter((node) => node.role === 'validator');
    expect(validators).toHaveLength(4);
    expect(validatorsOfExtraData(plan.genesisExtraData)).toEqual(
      validators.map((node) => getAddress(node.address)),
    );
    expect(JSON.stringify(plan)).not.toMatch(/privateKey|secret/i);
    // Every provisioned node is reachable at its deployment DNS name (monitoring, ledger, governance).
    for (const node of plan.nodes) expect(node.endpoints.rpcUrl).toBe(`http://${node.name}:8545`);

    const again = await problemOf(
      adminConsortium.provisioning.provisionNetwork({
        id: networkId,
        provisionNetwork: {
          parameters: { chainId: 1 },
          institutions: [{ organisationId: organisations[1], validators: 1 }],
        },
      }),
    );
    expect(again.status).toBe(409);

    const bundles = new Map<string, ProvisioningBundle>();
    for (const organisationId of organisations.slice(0, 2)) {
      const own =
        organisationId === organisations[0]
          ? institution
          : await institutionAdminOf(organisationId);
      bundles.set(organisationId, await own.provisioning.getProvisioningBundle({ id: networkId }));
    }
    for (const [organisationId, bundle] of bundles) {
      const ownAddresses = plan.nodes
        .filter((node) => node.organisationId === organisationId)
        .map((node) => getAddress(node.address))
        .sort();
      expect(secretAddresses(bundle).sort()).toEqual(ownAddresses);
      const genesis = JSON.parse(
        bundle.files.find((file) => file.path === 'genesis.json')?.content ?? '{}',
      );
      expect(genesis.extraData).toBe(plan.genesisExtraData);
      expect(bundle.files.map((file) => file.path)).toEqual(
        expect.arrayContaining(['docker-compose.yml']),
      );
    }

    const outsider = await institutionAdminOf(organisations[4]);
    expect(
      (await problemOf(outsider.provisioning.getProvisioningBundle({ id: networkId }))).status,
    ).toBe(404);
    expect(
      (await problemOf(adminConsortium.provisioning.getProvisioningBundle({ id: networkId })))
        .status,
    ).toBe(403);
  });

  it('lets a member institution join and remove a node; duplicate or invalid enodes and outsiders are refused with nothing stored', async () => {
    const institution = await institutionAdminOf(organisations[2]);
    const before = (await institution.nodes.listNodes({ id: networkId })).length;
    const { enode, address } = enodeOf(0xabc123);

    const joined = await institution.nodes.joinNode({
      id: networkId,
      joinNode: { name: 'rpc-extra-1', organisationId: organisations[2], role: 'rpc', enode },
    });
    expect(joined).toMatchObject({
      role: 'rpc',
      status: 'active',
      address,
      organisationId: organisations[2],
    });

    const duplicate = await problemOf(
      institution.nodes.joinNode({
        id: networkId,
        joinNode: { name: 'rpc-extra-2', organisationId: organisations[2], role: 'rpc', enode },
      }),
    );
    expect(duplicate.status).toBe(409);
    const invalid = await raw(institution.api, 'POST', `/api/v1/networks/${networkId}/nodes`, {
      name: 'bad-1',
      organisationId: organisations[2],
      role: 'member',
      enode: 'enode://1234@host:30303',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.contentType).toMatch(/application\/problem\+json/);
    const otherOrganisation = await problemOf(
      institution.nodes.joinNode({
        id: networkId,
        joinNode: {
          name: 'theirs-1',
          organisationId: organisations[3],
          role: 'member',
          enode: enodeOf(0xdef).enode,
        },
      }),
    );
    expect(otherOrganisation.status).toBe(403);
    const notMember = await problemOf(
      adminConsortium.nodes.joinNode({
        id: networkId,
        joinNode: {
          name: 'outsider-1',
          organisationId: organisations[4],
          role: 'member',
          enode: enodeOf(0xdef).enode,
        },
      }),
    );
    expect(notMember.status).toBe(422);
    expect((await institution.nodes.listNodes({ id: networkId })).length).toBe(before + 1);

    const left = await institution.nodes.leaveNode({
      id: networkId,
      nodeId: joined.id,
      idempotencyKey: randomUUID(),
    });
    expect(left.status).toBe('left');
    const nodes = await institution.nodes.listNodes({ id: networkId });
    expect(nodes.find((node) => node.id === joined.id)?.status).toBe('left');
    // The enode may join again once its previous registration has left.
    await institution.nodes.joinNode({
      id: networkId,
      joinNode: { name: 'rpc-extra-1', organisationId: organisations[2], role: 'rpc', enode },
    });
  });
});
