/**
 * platform-mgmt's consortium side of the bus: provisioning, node registry and their queries.
 * Roles are checked here too (defence in depth behind the gateway's guards).
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type Actor,
  type ConsortiumQuery,
  consortiumQuerySchema,
  ConsortiumTopics,
  joinNodeSchema,
  leaveNodeSchema,
  provisionNetworkSchema,
} from '@strata/contracts';
import { BusConsumers, DomainProblem } from '@strata/bus';
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
        }
      },
    );
  }
}
