/**
 * Governance proposals and votes: who may vote (the institutions owning an active validator
 * when the proposal is made), the threshold (default more than half of them, or the network's
 * configured number), and the open -> approved | rejected transitions. Applying approved
 * proposals and expiring late ones is the GovernanceScheduler's job.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type Actor,
  type CastVote,
  ConsortiumTopics,
  hasGlobalReadScope,
  type Proposal,
  type SubmitProposal,
} from '@strata/contracts';
import { DomainProblem, type OutboxWriter } from '@strata/bus';
import { Clock } from '@strata/runtime';
import { NetworkMember } from '../networks/network.entity';
import { NetworkNode } from '../nodes/network-node.entity';
import { Organisation } from '../organisations/organisation.entity';
import { ProvisioningPlanRecord } from '../provisioning/provisioning-plan.entity';
import { GovernanceMetrics } from './governance-metrics';
import { decide, isExpired, thresholdFor } from './proposal-decision';
import { GovernanceProposal, GovernanceVote, toProposalDto } from './proposal.entity';

const unprocessable = (code: string, title: string, detail: string) =>
  new DomainProblem({ code, status: 422, title, detail });

@Injectable()
export class GovernanceService {
  constructor(
    private readonly clock: Clock,
    private readonly metrics: GovernanceMetrics,
  ) {}

  async submit(
    em: EntityManager,
    outbox: OutboxWriter,
    input: SubmitProposal,
    actor: Actor | undefined,
  ) {
    const { networkId, proposal } = input;
    const members = await this.membersOf(em, networkId);
    if (members.length === 0) throw DomainProblem.notFound('Network', networkId);
    const proposer = this.memberActor(actor, members);
    const now = this.clock.now();
    const deadline = new Date(proposal.deadline);
    if (isExpired(deadline, now)) {
      throw unprocessable(
        'deadline-passed',
        'Deadline in the past',
        'The voting deadline must be in the future.',
      );
    }
    await this.checkAction(em, networkId, members, proposal.action);
    const voters = await this.validatorOwners(em, networkId);
    if (voters.length === 0) {
      throw unprocessable(
        'no-voters',
        'Nobody can vote',
        'No institution owns an active validator of this network.',
      );
    }
    const plan = await em.findOne(ProvisioningPlanRecord, { networkId });
    const threshold = thresholdFor(voters.length, plan?.parameters.governanceThreshold);
    const entity = em.create(GovernanceProposal, {
      id: randomUUID(),
      networkId,
      action: proposal.action,
      description: proposal.description ?? null,
      proposedBy: proposer,
      status: 'open',
      threshold,
      eligibleVoters: voters,
      deadline,
      createdAt: now,
      closedAt: null,
      outcome: null,
    });
    const dto = toProposalDto(entity, []);
    outbox.add({ topic: ConsortiumTopics.proposalSubmitted, key: networkId, payload: dto });
    return dto;
  }

  async vote(
    em: EntityManager,
    outbox: OutboxWriter,
    input: CastVote,
    actor: Actor | undefined,
  ): Promise<Proposal> {
    const proposal = await em.findOne(GovernanceProposal, {
      id: input.proposalId,
      networkId: input.networkId,
    });
    if (!proposal) throw DomainProblem.notFound('Proposal', input.proposalId);
    const voter = this.memberActor(actor, proposal.eligibleVoters);
    const now = this.clock.now();
    if (proposal.status !== 'open' || isExpired(proposal.deadline, now)) {
      throw DomainProblem.conflict(`Proposal ${proposal.id} is no longer open for votes.`);
    }
    if (await em.count(GovernanceVote, { proposalId: proposal.id, organisationId: voter })) {
      throw DomainProblem.conflict('Your institution has already voted on this proposal.');
    }
    em.create(GovernanceVote, {
      proposalId: proposal.id,
      organisationId: voter,
      approve: input.approve,
      castAt: now,
    });
    await em.flush();
    const votes = await em.find(GovernanceVote, { proposalId: proposal.id });
    const approvals = votes.filter((vote) => vote.approve).length;
    const rejections = votes.length - approvals;
    const decision = decide(
      proposal.threshold,
      proposal.eligibleVoters.length,
      approvals,
      rejections,
    );
    if (decision === 'approved') {
      proposal.status = 'approved';
    } else if (decision === 'rejected') {
      proposal.status = 'rejected';
      proposal.closedAt = now;
      proposal.outcome = 'rejected: the threshold can no longer be reached';
    }
    const dto = toProposalDto(proposal, votes);
    outbox.add({ topic: ConsortiumTopics.voteCast, key: proposal.networkId, payload: dto });
    if (proposal.status === 'rejected') {
      this.metrics.proposalClosed('rejected');
      outbox.add({ topic: ConsortiumTopics.proposalClosed, key: proposal.networkId, payload: dto });
    }
    return dto;
  }

  async list(em: EntityManager, networkId: string, actor: Actor | undefined): Promise<Proposal[]> {
    await this.checkVisible(em, networkId, actor);
    const proposals = await em.find(
      GovernanceProposal,
      { networkId },
      { orderBy: { createdAt: 'desc', id: 'asc' } },
    );
    const votes = proposals.length
      ? await em.find(GovernanceVote, {
          proposalId: { $in: proposals.map((proposal) => proposal.id) },
        })
      : [];
    return proposals.map((proposal) =>
      toProposalDto(
        proposal,
        votes.filter((vote) => vote.proposalId === proposal.id),
      ),
    );
  }

  async get(
    em: EntityManager,
    networkId: string,
    proposalId: string,
    actor: Actor | undefined,
  ): Promise<Proposal> {
    await this.checkVisible(em, networkId, actor);
    const proposal = await em.findOne(GovernanceProposal, { id: proposalId, networkId });
    if (!proposal) throw DomainProblem.notFound('Proposal', proposalId);
    return toProposalDto(proposal, await em.find(GovernanceVote, { proposalId }));
  }

  /** Organisations owning an active validator node of the network, sorted. */
  async validatorOwners(em: EntityManager, networkId: string): Promise<string[]> {
    const validators = await em.find(NetworkNode, {
      networkId,
      role: 'validator',
      status: 'active',
    });
    return [...new Set(validators.map((node) => node.organisationId))].sort();
  }

  private async checkAction(
    em: EntityManager,
    networkId: string,
    members: readonly string[],
    action: SubmitProposal['proposal']['action'],
  ): Promise<void> {
    switch (action.kind) {
      case 'add-validator':
      case 'remove-validator': {
        const node = await em.findOne(NetworkNode, {
          id: action.nodeId,
          networkId,
          status: 'active',
        });
        if (!node)
          throw unprocessable(
            'unknown-node',
            'Unknown node',
            `No active node ${action.nodeId} in this network.`,
          );
        if ((node.role === 'validator') === (action.kind === 'add-validator')) {
          throw unprocessable(
            'no-change',
            'Nothing to change',
            `Node ${node.name} is ${node.role === 'validator' ? 'already' : 'not'} a validator.`,
          );
        }
        return;
      }
      case 'admit-member':
      case 'remove-member': {
        if (!(await em.count(Organisation, { id: action.organisationId }))) {
          throw unprocessable(
            'unknown-organisation',
            'Unknown organisation',
            `No organisation ${action.organisationId}.`,
          );
        }
        if (members.includes(action.organisationId) === (action.kind === 'admit-member')) {
          throw unprocessable(
            'no-change',
            'Nothing to change',
            'The organisation is already in the requested state.',
          );
        }
        if (action.kind === 'remove-member') {
          const validators = await em.find(NetworkNode, {
            networkId,
            organisationId: action.organisationId,
            role: 'validator',
            status: 'active',
          });
          if (validators.length > 0) {
            throw unprocessable(
              'owns-validator',
              'The institution runs a validator',
              `It still runs validator(s) ${validators.map((node) => node.name).join(', ')}: propose remove-validator for each first.`,
            );
          }
        }
        return;
      }
      case 'change-parameters':
        if (Object.keys(action.parameters).length === 0) {
          throw unprocessable('no-change', 'Nothing to change', 'No parameter given.');
        }
    }
  }

  /** The caller's organisation, when it is one of `allowed` and the caller administers it. */
  private memberActor(actor: Actor | undefined, allowed: readonly string[]): string {
    const organisationId = actor?.organisationId;
    const admin = actor?.roles.some(
      (role) => role === 'institution-admin' || role === 'platform-admin',
    );
    if (!organisationId || !admin || !allowed.includes(organisationId)) {
      throw DomainProblem.forbidden(
        'Only an administrator of an eligible member institution may do this.',
      );
    }
    return organisationId;
  }

  private async checkVisible(
    em: EntityManager,
    networkId: string,
    actor: Actor | undefined,
  ): Promise<void> {
    const members = await this.membersOf(em, networkId);
    const visible =
      actor &&
      (hasGlobalReadScope(actor) ||
        (actor.organisationId && members.includes(actor.organisationId)));
    if (members.length === 0 || !visible) throw DomainProblem.notFound('Network', networkId);
  }

  private async membersOf(em: EntityManager, networkId: string): Promise<string[]> {
    return (await em.find(NetworkMember, { networkId })).map((member) => member.organisationId);
  }
}
