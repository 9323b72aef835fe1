/**
 * The console's access to a network's nodes and governance (through the generated SDK): lists
 * nodes and proposals as contract types and records the caller's institution's vote.
 */
import {
  type Configuration,
  GovernanceApi,
  NodesApi,
  type NetworkNodeListInner as SdkNode,
  type Proposal as SdkProposal,
} from '@strata/sdk';
import type { NetworkNode, Proposal } from '@strata/contracts';

export interface ConsortiumApi {
  listNodes(networkId: string): Promise<NetworkNode[]>;
  listProposals(networkId: string): Promise<Proposal[]>;
  castVote(
    networkId: string,
    proposalId: string,
    approve: boolean,
    idempotencyKey: string,
  ): Promise<void>;
}

const iso = (value: Date | string): string => (value instanceof Date ? value.toISOString() : value);
const isoOrNull = (value: Date | string | null | undefined): string | null =>
  value === null || value === undefined ? null : iso(value);

export function toNode(model: SdkNode): NetworkNode {
  return {
    id: model.id,
    networkId: model.networkId,
    organisationId: model.organisationId,
    name: model.name,
    role: model.role,
    enode: model.enode,
    address: model.address,
    endpoints: { ...model.endpoints },
    status: model.status,
    joinedAt: iso(model.joinedAt),
    leftAt: isoOrNull(model.leftAt),
  };
}

export function toProposal(model: SdkProposal): Proposal {
  return {
    id: model.id,
    networkId: model.networkId,
    action: model.action,
    description: model.description ?? null,
    proposedBy: model.proposedBy,
    status: model.status,
    threshold: model.threshold,
    eligibleVoters: [...model.eligibleVoters],
    votes: model.votes.map((vote) => ({
      organisationId: vote.organisationId,
      approve: vote.approve,
      castAt: iso(vote.castAt),
    })),
    deadline: iso(model.deadline),
    createdAt: iso(model.createdAt),
    closedAt: isoOrNull(model.closedAt),
    outcome: model.outcome ?? null,
  };
}

export function createConsortiumApi(
  configuration: Configuration,
  call: <T>(request: () => Promise<T>) => Promise<T>,
): ConsortiumApi {
  const nodes = new NodesApi(configuration);
  const governance = new GovernanceApi(configuration);
  return {
    listNodes: (id) => call(async () => (await nodes.listNodes({ id })).map(toNode)),
    listProposals: (id) =>
      call(async () => (await governance.listProposals({ id })).map((model) => toProposal(model))),
    castVote: (id, proposalId, approve, idempotencyKey) =>
      call(async () => {
        await governance.castVoteRaw({ id, proposalId, castVote: { approve }, idempotencyKey });
      }),
  };
}
