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
import { AuditorGrantsService } from './auditor-grants/auditor-grants.service';
import { NetworksService } from './networks/networks.service';
import { OrganisationsService } from './organisations/organisations.service';

function requirePlatformAdmin(actor: Actor | undefined): void {
  if (!actor?.roles.includes('platform-admin')) {
    throw DomainProblem.forbidden('Only a platform administrator may change the registry.');
  }
}

function requireGranted(granted: readonly string[] | undefined, kind: string, id: string): void {
  if (granted && !granted.includes(id)) {
    throw DomainProblem.forbidden(`No active auditor grant covers ${kind} ${id}.`);
  }
}

@Injectable()
export class RegistryHandlers implements OnModuleInit {
  constructor(
    private readonly consumers: BusConsumers,
    private readonly grants: AuditorGrantsService,
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
        // A restricted auditor reads only what their grants cover (the gateway checks it too).
        const granted = await this.grants.restrictionOf(em, actor);
        switch (payload.query) {
          case 'list-organisations':
            return this.organisations.list(em, payload.params, granted?.organisationIds);
          case 'get-organisation':
            requireGranted(granted?.organisationIds, 'organisation', payload.id);
            return this.organisations.get(em, payload.id);
          case 'list-networks':
            return this.networks.list(em, payload.params, actor, granted?.networkIds);
          case 'get-network':
            requireGranted(granted?.networkIds, 'network', payload.id);
            return this.networks.get(em, payload.id, actor);
        }
      },
    );
  }
}
