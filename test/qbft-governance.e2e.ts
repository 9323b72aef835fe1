/**
 * Validator governance end to end on the real stack, against a fake Besu (anvil has no qbft_*
 * RPCs): 4 institutions own a validator each; a proposal to add a fifth validator reaches the
 * threshold, the platform calls qbft_proposeValidatorVote on every validator node and follows the
 * validator set until the change is in effect; a proposal without quorum expires; an admitted
 * member can use the network on the ledger and its node is allowed on every validator node, and a
 * removed one is shut out (its listener and stream paused, its node dropped from the allowlists);
 * a validator neither leaves nor has its institution removed behind governance's back; bad input
 * is refused with problem+json and nothing stored.
 */
import { randomUUID } from 'node:crypto';
import { computeAddress, SigningKey } from 'ethers';
import { Configuration, GovernanceApi, NodesApi, type Proposal } from '@strata/sdk';
import {
  createUser,
  FakeBesu,
  jsonRpc,
  killApp,
  passwordToken,
  readE2eRun,
  restartApp,
  runningApp,
} from '@strata/testing';
import {
  apiAs,
  type Api,
  gatewayUrl,
  problemOf,
  raw,
  type RawResponse,
  uniqueName,
} from './support/api';
import { eventually } from './support/eventually';
import { FIXTURE_ABI } from './support/event-sync';
import { tapEvents } from './support/kafka-events';

interface Institution {
  organisationId: string;
  governance: GovernanceApi;
  nodes: NodesApi;
  api: Api;
}

async function institutionAdminOf(organisationId: string): Promise<Institution> {
  const username = `gov-${randomUUID().slice(0, 8)}`;
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
    nodes: new NodesApi(configuration),
    api: await apiAs(username, 'strata-test'),
  };
}

const nodeKey = () => {
  const key = new SigningKey(`0x${randomUUID().replace(/-/g, '').padEnd(64, '1')}`);
  return { publicKey: key.publicKey.slice(4), address: computeAddress(key.publicKey) };
};

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000);

/** A write's final answer: its status and body, or those of its operation after a 202. */
async function written(api: Api, method: string, path: string, body = {}): Promise<RawResponse> {
  const response = await raw(api, method, path, body, { 'idempotency-key': randomUUID() });
  if (response.status !== 202) return response;
  const id = response.headers.get('x-operation-id') ?? '';
  const operation = await eventually(async () => {
    const read = await api.operations.getOperation({ id });
    return read.status !== 'pending' ? read : undefined;
  }, `operation ${id}`);
  const problem = operation.problem as { status?: number } | undefined;
  return {
    ...response,
    status: operation.status === 'succeeded' ? 201 : (problem?.status ?? 500),
    body: (operation.result ?? operation.problem ?? {}) as Record<string, unknown>,
  };
}

describe('validator governance, end to end against a fake Besu', () => {
  const besu = new FakeBesu([]);
  let besuUrl: string;
  let networkId: string;
  let institutions: Institution[];
  let outsider: Institution;
  let validatorAddresses: string[];
  let candidateNode: { id: string; address: string } | undefined;

  beforeAll(async () => {
    const admin = await apiAs('admin');
    const organisations: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const created = await admin.organisations.registerOrganisation({
        registerOrganisation: { name: uniqueName(`Governing institution ${i}`), country: 'FI' },
      });
      organisations.push(created.id);
    }
    networkId = (
      await admin.networks.registerNetwork({
        registerNetwork: {
          name: uniqueName('Governed network'),
          memberOrganisationIds: organisations.slice(0, 4),
          rpcUrl: readE2eRun().anvilRpcUrl,
        },
      })
    ).id;
    institutions = [];
    for (const organisationId of organisations.slice(0, 4))
      institutions.push(await institutionAdminOf(organisationId));
    outsider = await institutionAdminOf(organisations[4]);
    const keys = institutions.map(() => nodeKey());
    validatorAddresses = keys.map((key) => key.address);
    Object.assign(besu, new FakeBesu(validatorAddresses));
    besuUrl = await besu.start();
    for (const [index, institution] of institutions.entries()) {
      await institution.nodes.joinNode({
        id: networkId,
        joinNode: {
          name: `validator-${index}`,
          organisationId: institution.organisationId,
          role: 'validator',
          enode: `enode://${keys[index].publicKey}@validator-${index}.example.org:30303`,
          endpoints: { rpcUrl: besu.nodeUrl(besuUrl, keys[index].address) },
        },
      });
    }
  });

  afterAll(() => besu.stop());

  it('adds a validator once 3 of 4 institutions approve: every validator node gets the qbft vote and the set changes', async () => {
    const candidateKey = nodeKey();
    const candidate = await institutions[0].nodes.joinNode({
      id: networkId,
      joinNode: {
        name: 'candidate',
        organisationId: institutions[0].organisationId,
        role: 'member',
        enode: `enode://${candidateKey.publicKey}@candidate.example.org:30303`,
      },
    });
    const proposal = await institutions[0].governance.submitProposal({
      id: networkId,
      idempotencyKey: randomUUID(),
      submitProposal: {
        action: { kind: 'add-validator', nodeId: candidate.id },
        description: 'A fifth validator for resilience',
        deadline: inMinutes(10),
      },
    });
    expect(proposal).toMatchObject({ status: 'open', threshold: 3 });
    expect(proposal.eligibleVoters).toHaveLength(4);

    for (const voter of institutions.slice(0, 2)) {
      const after = await voter.governance.castVote({
        id: networkId,
        proposalId: proposal.id,
        castVote: { approve: true },
      });
      expect(after.status).toBe('open');
    }
    const duplicate = await problemOf(
      institutions[0].governance.castVote({
        id: networkId,
        proposalId: proposal.id,
        castVote: { approve: true },
      }),
    );
    expect(duplicate.status).toBe(409);
    const approved = await institutions[2].governance.castVote({
      id: networkId,
      proposalId: proposal.id,
      castVote: { approve: true },
    });
    expect(approved.status).toBe('approved');

    const executed = await eventually(async () => {
      const current = await institutions[3].governance.getProposal({
        id: networkId,
        proposalId: proposal.id,
      });
      if (current.status !== 'executed')
        throw new Error(`still ${current.status}: ${current.outcome}`);
      return current;
    }, 'the proposal to be executed');
    expect(executed.closedAt).not.toBeNull();
    const votedNodes = besu
      .callsOf('qbft_proposeValidatorVote')
      .filter(
        (call) => call.params[0] === candidateKey.address.toLowerCase() && call.params[1] === true,
      )
      .map((call) => call.node);
    expect(new Set(votedNodes)).toEqual(
      new Set(validatorAddresses.map((address) => address.toLowerCase())),
    );
    expect(besu.validators).toContain(candidateKey.address.toLowerCase());
    const nodes = await institutions[0].nodes.listNodes({ id: networkId });
    expect(nodes.find((node) => node.id === candidate.id)?.role).toBe('validator');
    candidateNode = { id: candidate.id, address: candidateKey.address };
    // The joined candidate was permissioned on every validator node through perm_* RPCs.
    const allowedOn = (method: string, entry: string) =>
      new Set(
        besu
          .callsOf(method)
          .filter((call) => (call.params[0] as string[]).includes(entry))
          .map((call) => call.node),
      );
    const validatorNodes = new Set(validatorAddresses.map((address) => address.toLowerCase()));
    expect(allowedOn('perm_addNodesToAllowlist', candidate.enode)).toEqual(validatorNodes);
    expect(allowedOn('perm_addAccountsToAllowlist', candidateKey.address.toLowerCase())).toEqual(
      validatorNodes,
    );
    const history = await institutions[1].governance.listProposals({ id: networkId });
    expect(history.find((entry: Proposal) => entry.id === proposal.id)?.votes).toHaveLength(3);
  });

  it('answers a repeated Idempotency-Key with the same proposal and finishes an approved removal after platform-mgmt is SIGKILLed', async () => {
    if (!candidateNode) throw new Error('needs the validator added by the first test');
    const idempotencyKey = randomUUID();
    const submitProposal = {
      action: { kind: 'remove-validator' as const, nodeId: candidateNode.id },
      deadline: inMinutes(10),
    };
    const proposal = await institutions[1].governance.submitProposal({
      id: networkId,
      idempotencyKey,
      submitProposal,
    });
    const again = await institutions[1].governance.submitProposal({
      id: networkId,
      idempotencyKey,
      submitProposal,
    });
    expect(again.id).toBe(proposal.id);
    for (const voter of institutions.slice(1, 4)) {
      await voter.governance.castVote({
        id: networkId,
        proposalId: proposal.id,
        castVote: { approve: true },
      });
    }
    await killApp('platform-mgmt', 'SIGKILL');
    await restartApp('platform-mgmt');
    await eventually(async () => {
      const current = await institutions[1].governance.getProposal({
        id: networkId,
        proposalId: proposal.id,
      });
      if (current.status !== 'executed')
        throw new Error(`still ${current.status}: ${current.outcome}`);
      return current;
    }, 'the removal to be executed after the restart');
    expect(besu.validators).not.toContain(candidateNode.address.toLowerCase());
    expect(besu.validators).toHaveLength(4);
    const nodes = await institutions[0].nodes.listNodes({ id: networkId });
    expect(nodes.find((node) => node.id === candidateNode?.id)?.role).toBe('member');
  });

  it('expires a proposal that does not reach the threshold before its deadline, and then refuses votes', async () => {
    const proposal = await institutions[1].governance.submitProposal({
      id: networkId,
      submitProposal: {
        action: { kind: 'change-parameters', parameters: { blockPeriodSeconds: 5 } },
        deadline: new Date(Date.now() + 4_000),
      },
    });
    await institutions[1].governance.castVote({
      id: networkId,
      proposalId: proposal.id,
      castVote: { approve: true },
    });
    const expired = await eventually(async () => {
      const current = await institutions[1].governance.getProposal({
        id: networkId,
        proposalId: proposal.id,
      });
      if (current.status !== 'expired') throw new Error(`still ${current.status}`);
      return current;
    }, 'the proposal to expire');
    expect(expired.votes).toHaveLength(1);
    expect(expired.outcome).toMatch(/expired/);
    const late = await problemOf(
      institutions[2].governance.castVote({
        id: networkId,
        proposalId: proposal.id,
        castVote: { approve: true },
      }),
    );
    expect(late.status).toBe(409);
    const metrics = await (await fetch(`${runningApp('platform-mgmt').url}/metrics`)).text();
    expect(metrics).toMatch(
      /strata_governance_proposals_closed_total\{[^}]*status="expired"[^}]*\} [1-9]/,
    );
  });

  it('rejects a proposal as soon as the threshold can no longer be reached', async () => {
    const proposal = await institutions[3].governance.submitProposal({
      id: networkId,
      submitProposal: {
        action: { kind: 'admit-member', organisationId: outsider.organisationId },
        deadline: inMinutes(10),
      },
    });
    await institutions[0].governance.castVote({
      id: networkId,
      proposalId: proposal.id,
      castVote: { approve: false },
    });
    const rejected = await institutions[1].governance.castVote({
      id: networkId,
      proposalId: proposal.id,
      castVote: { approve: false },
    });
    expect(rejected.status).toBe('rejected');
    expect(rejected.closedAt).not.toBeNull();
    const network = await (await apiAs('admin')).networks.getNetwork({ id: networkId });
    expect(network.memberOrganisationIds).not.toContain(outsider.organisationId);
  });

  it('refuses bad proposals with problem+json and stores nothing', async () => {
    const before = (await institutions[0].governance.listProposals({ id: networkId })).length;
    const past = await problemOf(
      institutions[0].governance.submitProposal({
        id: networkId,
        submitProposal: {
          action: { kind: 'admit-member', organisationId: outsider.organisationId },
          deadline: inMinutes(-1),
        },
      }),
    );
    expect(past.status).toBe(422);
    const invalid = await raw(
      institutions[0].api,
      'POST',
      `/api/v1/networks/${networkId}/proposals`,
      {
        action: { kind: 'make-me-king' },
        deadline: inMinutes(5),
      },
    );
    expect(invalid.status).toBe(400);
    expect(invalid.contentType).toMatch(/application\/problem\+json/);
    const unknownNode = await problemOf(
      institutions[0].governance.submitProposal({
        id: networkId,
        submitProposal: {
          action: { kind: 'add-validator', nodeId: randomUUID() },
          deadline: inMinutes(5),
        },
      }),
    );
    expect(unknownNode.status).toBe(422);
    const notMember = await problemOf(
      outsider.governance.submitProposal({
        id: networkId,
        submitProposal: {
          action: { kind: 'admit-member', organisationId: outsider.organisationId },
          deadline: inMinutes(5),
        },
      }),
    );
    expect(notMember.status).toBe(403);
    expect((await institutions[0].governance.listProposals({ id: networkId })).length).toBe(before);
  });
  it('lets an admitted member use the network on the ledger and shuts a removed one out: 404 everywhere, its listener and stream paused', async () => {
    const tap = await tapEvents(['strata.platform-mgmt.network-membership-changed.v1']);
    const ledger = `/api/v1/networks/${networkId}`;
    const status = async (path: string) => (await raw(outsider.api, 'GET', path)).status;
    const executed = async (action: { kind: 'admit-member' | 'remove-member' }) => {
      const proposal = await institutions[0].governance.submitProposal({
        id: networkId,
        submitProposal: {
          action: { ...action, organisationId: outsider.organisationId },
          deadline: inMinutes(10),
        },
      });
      for (const voter of institutions.slice(0, 3)) {
        await voter.governance.castVote({
          id: networkId,
          proposalId: proposal.id,
          castVote: { approve: true },
        });
      }
      return eventually(async () => {
        const current = await institutions[0].governance.getProposal({
          id: networkId,
          proposalId: proposal.id,
        });
        if (current.status !== 'executed') throw new Error(`still ${current.status}`);
        return current;
      }, `the ${action.kind} proposal to be executed`);
    };

    expect(await status(`${ledger}/transactions`)).toBe(404);
    const admission = await executed({ kind: 'admit-member' });
    expect(admission.outcome).toBe('member admitted');
    await eventually(
      async () => (await status(`${ledger}/transactions`)) === 200,
      'the ledger to let the admitted member in',
    );
    const listener = await written(outsider.api, 'POST', `${ledger}/event-listeners`, {
      name: 'new member',
      abi: FIXTURE_ABI,
      fromBlock: 'latest',
      confirmations: 1,
    });
    expect(listener.status).toBe(201);
    const stream = await written(outsider.api, 'POST', `${ledger}/event-streams`, {
      type: 'webhook',
      name: 'new member',
      url: 'https://example.org/hooks/strata',
      filter: { listenerId: listener.body.id },
    });
    expect(stream.status).toBe(201);
    const listenerPath = `${ledger}/event-listeners/${String(listener.body.id)}`;
    const streamPath = `${ledger}/event-streams/${String(stream.body.id)}`;

    // The new member's node is allowed on every validator node, even on one whose allowlist
    // already has it (a pass interrupted after changing it: Besu refuses to add it twice).
    const memberKey = nodeKey();
    const enode = `enode://${memberKey.publicKey}@new-member.example.org:30303`;
    await jsonRpc(besu.nodeUrl(besuUrl, validatorAddresses[0]), 'perm_addNodesToAllowlist', [
      [enode],
    ]);
    const memberNode = await outsider.nodes.joinNode({
      id: networkId,
      joinNode: {
        name: 'new-member-node',
        organisationId: outsider.organisationId,
        role: 'member',
        enode,
      },
    });
    const allowedEverywhere = async (allowed: boolean) => {
      for (const validator of validatorAddresses) {
        const node = besu.nodeUrl(besuUrl, validator);
        const enodes = await jsonRpc<string[]>(node, 'perm_getNodesAllowlist', []);
        const accounts = await jsonRpc<string[]>(node, 'perm_getAccountsAllowlist', []);
        if (enodes.includes(enode.toLowerCase()) !== allowed) return false;
        if (accounts.includes(memberKey.address.toLowerCase()) !== allowed) return false;
      }
      return true;
    };
    await eventually(
      () => allowedEverywhere(true),
      'the new node to be allowed on every validator',
    );

    const removal = await executed({ kind: 'remove-member' });
    expect(removal.outcome).toBe('member removed');
    await eventually(
      async () => (await status(`${ledger}/transactions`)) === 404,
      'the ledger to shut the removed member out',
    );
    for (const path of [
      `${ledger}/accounts`,
      `${ledger}/event-listeners`,
      listenerPath,
      streamPath,
    ])
      expect(await status(path)).toBe(404);
    expect((await written(outsider.api, 'POST', `${streamPath}/resume`)).status).toBe(404);
    expect((await written(outsider.api, 'POST', `${listenerPath}/resume`)).status).toBe(404);
    const admin = await apiAs('admin');
    expect((await raw(admin, 'GET', listenerPath)).body).toMatchObject({ status: 'paused' });
    expect((await raw(admin, 'GET', streamPath)).body).toMatchObject({
      status: 'paused',
      lastError: expect.stringContaining('removed from the network') as string,
    });
    const network = await admin.networks.getNetwork({ id: networkId });
    expect(network.memberOrganisationIds).not.toContain(outsider.organisationId);
    // Its node left with it and is no longer allowed to connect.
    const nodes = await institutions[0].nodes.listNodes({ id: networkId });
    expect(nodes.find((node) => node.id === memberNode.id)?.status).toBe('left');
    await eventually(
      () => allowedEverywhere(false),
      'the removed member node to be dropped from every validator',
    );

    const changes = await eventually(async () => {
      const mine = tap.events.filter((event) => event.payload.networkId === networkId);
      return mine.length >= 2 ? mine : undefined;
    }, 'both membership changes on Kafka');
    await tap.close();
    expect(changes.map((event) => [event.payload.change, event.payload.revision])).toEqual([
      [{ kind: 'admitted', organisationId: outsider.organisationId }, 1],
      [{ kind: 'removed', organisationId: outsider.organisationId }, 2],
    ]);
    expect(changes[1].payload.memberOrganisationIds).toEqual(
      institutions.map((institution) => institution.organisationId).sort(),
    );
  });
  it('keeps validators in the set until governance removes them: no leaving, no removal of their institution', async () => {
    const nodes = await institutions[3].nodes.listNodes({ id: networkId });
    const validator = nodes.find(
      (node) =>
        node.organisationId === institutions[3].organisationId &&
        node.role === 'validator' &&
        node.status === 'active',
    );
    if (!validator) throw new Error('institution 3 runs no validator');
    const leaving = await problemOf(
      institutions[3].nodes.leaveNode({
        id: networkId,
        nodeId: validator.id,
        idempotencyKey: randomUUID(),
      }),
    );
    expect(leaving.status).toBe(409);
    expect(leaving.problem.detail).toMatch(/remove-validator/);
    const removal = await problemOf(
      institutions[0].governance.submitProposal({
        id: networkId,
        submitProposal: {
          action: { kind: 'remove-member', organisationId: institutions[3].organisationId },
          deadline: inMinutes(10),
        },
      }),
    );
    expect(removal).toMatchObject({
      status: 422,
      problem: { type: 'urn:strata:problem:owns-validator' },
    });
    const still = await institutions[0].nodes.listNodes({ id: networkId });
    expect(still.find((node) => node.id === validator.id)?.status).toBe('active');
  });
});
