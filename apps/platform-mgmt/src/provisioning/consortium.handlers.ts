/**
 * platform-mgmt's consortium side of the bus: provisioning, node registry, governance and their queries.
 * Roles are checked here too (defence in depth behind the gateway's guards).
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type Actor,
  type ConsortiumQuery,
  consortiumQuerySchema,
  ConsortiumTopics,
  joinNodeSchema,
  castVoteSchema,
  leaveNodeSchema,
  provisionNetworkSchema,
  submitProposalSchema,
} from '@strata/contracts';
import { BusConsumers, DomainProblem } from '@strata/bus';
import { GovernanceService } from '../governance/governance.service';
import { NodesService } from '../nodes/nodes.service';
import { ProvisioningService } from './provisioning.service';

function requirePlatformAdmin(actor: Actor | undefined): void {
  if (!actor?.roles.includes('platform-admin')) {
    throw DomainProblem.forbidden('Only a platform administrator may provision a network.');
  }
}

@Injectable()
export class ConsortiumHandlers implements OnModuleInit {
  constructor(
    private readonly consumers: BusConsumers,
    private readonly provisioning: ProvisioningService,
    private readonly nodes: NodesService,
    private readonly governance: GovernanceService,
  ) {}

  onModuleInit(): void {
    this.consumers.onCommand(
      ConsortiumTopics.provisionNetwork,
      provisionNetworkSchema,
      ({ em, outbox, payload, actor }) => {
        requirePlatformAdmin(actor);
        return this.provisioning.provision(em, outbox, payload);
      },
    );
    this.consumers.onCommand(
      ConsortiumTopics.joinNode,
      joinNodeSchema,
      ({ em, outbox, payload, actor }) => this.nodes.join(em, outbox, payload, actor),
    );
    this.consumers.onCommand(
      ConsortiumTopics.leaveNode,
      leaveNodeSchema,
      ({ em, outbox, payload, actor }) => this.nodes.leave(em, outbox, payload, actor),
    );
    this.consumers.onCommand(
      ConsortiumTopics.submitProposal,
      submitProposalSchema,
      ({ em, outbox, payload, actor }) => this.governance.submit(em, outbox, payload, actor),
    );
    this.consumers.onCommand(
      ConsortiumTopics.castVote,
      castVoteSchema,
      ({ em, outbox, payload, actor }) => this.governance.vote(em, outbox, payload, actor),
    );
    this.consumers.onQuery<ConsortiumQuery, unknown>(
      ConsortiumTopics.queries,
      consortiumQuerySchema,
      async ({ em, payload, actor }) => {
        switch (payload.query) {
          case 'get-provisioning-plan':
            return this.provisioning.plan(em, payload.networkId, actor);
          case 'get-provisioning-bundle':
            return this.provisioning.bundle(em, payload.networkId, actor);
          case 'list-nodes':
            return this.nodes.list(em, payload.networkId, actor);
          case 'list-proposals':
            return this.governance.list(em, payload.networkId, actor);
          case 'get-proposal':
            return this.governance.get(em, payload.networkId, payload.proposalId, actor);
        }
      },
    );
  }
}
