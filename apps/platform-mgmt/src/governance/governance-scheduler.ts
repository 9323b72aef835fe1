/**
 * The governance loop: permissions newly joined nodes (NodePermissioning), closes proposals whose deadline passed (by the injected Clock), applies
 * approved ones — for validator changes it calls `qbft_proposeValidatorVote` on every active
 * validator node and then follows `qbft_getValidatorsByBlockNumber` until the change is in effect —
 * and records every transition with its event through the outbox. Rows are locked (skip locked)
 * so several platform-mgmt instances can run the loop side by side.
 */
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { ConsortiumTopics } from '@strata/contracts';
import { OutboxWriter } from '@strata/bus';
import { Clock, PeriodicPasses } from '@strata/runtime';
import { ConsensusAdmin } from '../consensus-admin/consensus-admin';
import { changeMembership } from '../networks/network-membership';
import { NetworkNode } from '../nodes/network-node.entity';
import { NodePermissioning } from '../nodes/node-permissioning';
import { ProvisioningPlanRecord } from '../provisioning/provisioning-plan.entity';
import { NodeHealthRecord } from '../monitoring/monitoring.entities';
import { type ParameterChange, scheduleTransition } from '../provisioning/parameter-transitions';
import { GovernanceMetrics } from './governance-metrics';
import { isExpired } from './proposal-decision';
import { GovernanceProposal, GovernanceVote, toProposalDto } from './proposal.entity';

export const GOVERNANCE_TICK_MS = 1_000;

@Injectable()
export class GovernanceScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GovernanceScheduler.name);
  private passes: PeriodicPasses | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly clock: Clock,
    private readonly consensus: ConsensusAdmin,
    private readonly permissioning: NodePermissioning,
    private readonly metrics: GovernanceMetrics,
  ) {}

  onApplicationBootstrap(): void {
    this.passes = new PeriodicPasses(
      'governance',
      GOVERNANCE_TICK_MS,
      () => this.tick(),
      this.logger,
    );
    this.passes.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.passes?.stop();
  }

  /** One pass: permission new nodes, expire, then apply or follow approved/executing proposals. */
  async tick(): Promise<void> {
    for (const networkId of await this.permissioning.pendingNetworks(this.orm.em.fork())) {
      await this.orm.em
        .fork()
        .transactional((em) => this.permissioning.permissionNetwork(em, networkId))
        .catch((error: unknown) => {
          this.metrics.consensusFailure('permissioning');
          this.logger.warn(
            `permissioning network ${networkId} failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        });
    }
    const due = await this.orm.em
      .fork()
      .find(
        GovernanceProposal,
        { status: { $in: ['open', 'approved', 'executing'] } },
        { fields: ['id'] },
      );
    for (const { id } of due) {
      await this.orm.em.fork().transactional(async (em) => {
        const proposal = await em.findOne(
          GovernanceProposal,
          { id, status: { $in: ['open', 'approved', 'executing'] } },
          { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
        );
        if (proposal) await this.advance(em, proposal);
      });
    }
  }

  private async advance(em: EntityManager, proposal: GovernanceProposal): Promise<void> {
    const now = this.clock.now();
    if (proposal.status === 'open') {
      if (!isExpired(proposal.deadline, now)) return;
      return this.close(
        em,
        proposal,
        'expired',
        'expired: the threshold was not reached before the deadline',
      );
    }
    const action = proposal.action;
    switch (action.kind) {
      case 'add-validator':
      case 'remove-validator':
        return this.applyValidatorChange(
          em,
          proposal,
          action.nodeId,
          action.kind === 'add-validator',
        );
      case 'admit-member':
      case 'remove-member': {
        const admit = action.kind === 'admit-member';
        const outcome = await changeMembership(em, {
          networkId: proposal.networkId,
          kind: admit ? 'admitted' : 'removed',
          organisationId: action.organisationId,
          proposalId: proposal.id,
          at: now,
        });
        if (typeof outcome === 'object') {
          proposal.outcome = `waiting: the institution still owns validator(s) ${outcome.waitingFor.join(', ')}; remove them from the validator set first`;
          return;
        }
        const done = admit ? 'member admitted' : 'member removed';
        const already = admit ? 'already a member: nothing to do' : 'not a member: nothing to do';
        return this.close(em, proposal, 'executed', outcome === 'changed' ? done : already);
      }
      case 'change-parameters':
        return this.scheduleParameterChange(em, proposal, action.parameters);
    }
  }

  /**
   * Schedules an approved parameter change as a Besu transition at a future block past the
   * network head the monitor observed (parameter-transitions.ts); the regenerated genesis and
   * node configs are in every institution's bundle. Waits while no head is known.
   */
  private async scheduleParameterChange(
    em: EntityManager,
    proposal: GovernanceProposal,
    change: ParameterChange,
  ): Promise<void> {
    const plan = await em.findOne(ProvisioningPlanRecord, { networkId: proposal.networkId });
    if (!plan) {
      return this.close(em, proposal, 'executed', 'no provisioning plan: nothing to apply');
    }
    const [head] = await em.find(
      NodeHealthRecord,
      { networkId: proposal.networkId, blockNumber: { $ne: null } },
      { orderBy: { blockNumber: 'desc' }, limit: 1 },
    );
    if (head?.blockNumber === null || head?.blockNumber === undefined) {
      proposal.outcome = 'waiting: no node of the network has reported its block height yet';
      return;
    }
    const transition = scheduleTransition(
      plan.parameters,
      plan.transitions,
      change,
      head.blockNumber,
      proposal.id,
    );
    plan.transitions = [...plan.transitions, transition];
    return this.close(
      em,
      proposal,
      'executed',
      `scheduled as a Besu transition at block ${transition.block}: roll out the regenerated bundle (genesis.json, config.toml) to every node before it`,
    );
  }

  private async applyValidatorChange(
    em: EntityManager,
    proposal: GovernanceProposal,
    nodeId: string,
    add: boolean,
  ): Promise<void> {
    const target = await em.findOne(NetworkNode, { id: nodeId });
    const validators = await em.find(NetworkNode, {
      networkId: proposal.networkId,
      role: 'validator',
      status: 'active',
    });
    const reachable = validators.flatMap((node) =>
      node.endpoints.rpcUrl ? [node.endpoints.rpcUrl] : [],
    );
    if (!target || reachable.length === 0) {
      proposal.outcome = 'waiting: no validator node with a JSON-RPC endpoint';
      return;
    }
    try {
      if (proposal.status === 'approved') {
        for (const rpcUrl of reachable)
          await this.consensus.proposeValidatorVote(rpcUrl, target.address, add);
        proposal.status = 'executing';
        proposal.outcome = `vote proposed on ${reachable.length} validator node(s)`;
      }
      const current = await this.consensus.validatorsAt(reachable[0]);
      const inEffect =
        current.some((address) => address.toLowerCase() === target.address.toLowerCase()) === add;
      if (!inEffect) return;
      target.role = add ? 'validator' : 'member';
      await this.close(
        em,
        proposal,
        'executed',
        `validator set at the latest block: ${current.length} validator(s)`,
      );
    } catch (error) {
      this.metrics.consensusFailure('validator-vote');
      proposal.outcome = `retrying: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  private async close(
    em: EntityManager,
    proposal: GovernanceProposal,
    status: 'executed' | 'expired',
    outcome: string,
  ): Promise<void> {
    proposal.status = status;
    proposal.closedAt = this.clock.now();
    proposal.outcome = outcome;
    this.metrics.proposalClosed(status);
    const votes = await em.find(GovernanceVote, { proposalId: proposal.id });
    new OutboxWriter(em).add({
      topic: ConsortiumTopics.proposalClosed,
      key: proposal.networkId,
      payload: toProposalDto(proposal, votes),
    });
  }
}
