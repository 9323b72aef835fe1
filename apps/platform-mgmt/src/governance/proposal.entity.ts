/** Governance proposals of a network and the votes of its institutions. */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import {
  PROPOSAL_STATUSES,
  type Proposal as ProposalDto,
  type ProposalAction,
} from '@strata/contracts';

export const GovernanceProposal = defineEntity({
  name: 'GovernanceProposal',
  tableName: 'governance_proposal',
  indexes: [{ properties: ['status', 'deadline'] }, { properties: ['networkId', 'createdAt'] }],
  properties: {
    id: p.uuid().primary(),
    networkId: p.uuid(),
    action: p.json<ProposalAction>(),
    description: p.text().nullable(),
    proposedBy: p.uuid(),
    status: p.enum(PROPOSAL_STATUSES),
    threshold: p.integer(),
    eligibleVoters: p.json<string[]>(),
    deadline: p.datetime(),
    createdAt: p.datetime(),
    closedAt: p.datetime().nullable(),
    outcome: p.text().nullable(),
  },
});
export type GovernanceProposal = InferEntity<typeof GovernanceProposal>;

export const GovernanceVote = defineEntity({
  name: 'GovernanceVote',
  tableName: 'governance_vote',
  properties: {
    proposalId: p.uuid().primary(),
    organisationId: p.uuid().primary(),
    approve: p.boolean(),
    castAt: p.datetime(),
  },
});
export type GovernanceVote = InferEntity<typeof GovernanceVote>;

export function toProposalDto(
  entity: GovernanceProposal,
  votes: readonly GovernanceVote[],
): ProposalDto {
  return {
    id: entity.id,
    networkId: entity.networkId,
    action: entity.action,
    description: entity.description ?? null,
    proposedBy: entity.proposedBy,
    status: entity.status,
    threshold: entity.threshold,
    eligibleVoters: entity.eligibleVoters,
    votes: [...votes]
      .sort((a, b) => a.castAt.getTime() - b.castAt.getTime())
      .map((vote) => ({
        organisationId: vote.organisationId,
        approve: vote.approve,
        castAt: vote.castAt.toISOString(),
      })),
    deadline: entity.deadline.toISOString(),
    createdAt: entity.createdAt.toISOString(),
    closedAt: entity.closedAt?.toISOString() ?? null,
    outcome: entity.outcome ?? null,
  };
}
