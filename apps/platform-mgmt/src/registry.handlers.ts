/**
 * platform-mgmt's side of the bus: the registry's commands and queries. Commands are checked for
 * the caller's role here too (defence in depth behind the gateway's guards).
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type Actor,
  type PlatformMgmtQuery,
  platformMgmtQuerySchema,
  registerNetworkSchema,
  registerOrganisationSchema,
  Topics,
} from '@strata/contracts';
import { BusConsumers, DomainProblem } from '@strata/bus';
import { NetworksService } from './networks/networks.service';
import { OrganisationsService } from './organisations/organisations.service';

function requirePlatformAdmin(actor: Actor | undefined): void {
  if (!actor?.roles.includes('platform-admin')) {
    throw DomainProblem.forbidden('Only a platform administrator may change the registry.');
  }
}

@Injectable()
export class RegistryHandlers implements OnModuleInit {
  constructor(
    private readonly consumers: BusConsumers,
    private readonly organisations: OrganisationsService,
    private readonly networks: NetworksService,
  ) {}

  onModuleInit(): void {
    this.consumers.onCommand(
      Topics.platformMgmt.registerOrganisation,
      registerOrganisationSchema,
      ({ em, outbox, payload, actor }) => {
        requirePlatformAdmin(actor);
        return this.organisations.register(em, outbox, payload);
      },
    );
    this.consumers.onCommand(
      Topics.platformMgmt.registerNetwork,
      registerNetworkSchema,
      ({ em, outbox, payload, actor }) => {
        requirePlatformAdmin(actor);
        return this.networks.register(em, outbox, payload);
      },
    );
    this.consumers.onQuery<PlatformMgmtQuery, unknown>(
      Topics.platformMgmt.queries,
      platformMgmtQuerySchema,
      async ({ em, payload, actor }) => {
        switch (payload.query) {
          case 'list-organisations':
            return this.organisations.list(em, payload.params);
          case 'get-organisation':
            return this.organisations.get(em, payload.id);
          case 'list-networks':
            return this.networks.list(em, payload.params, actor);
          case 'get-network':
            return this.networks.get(em, payload.id, actor);
        }
      },
    );
  }
}
