/**
 * Keeps the ledger's network table in step with platform-mgmt's registry by consuming
 * `network-registered.v1` (idempotent: a redelivered event changes nothing).
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { networkRegisteredSchema, Topics } from '@strata/contracts';
import { BusConsumers } from '@strata/bus';
import { LedgerNetwork } from './ledger-network.entity';
import { LedgerNetworkMember } from './network-member.entity';

@Injectable()
export class NetworkRegistryHandlers implements OnModuleInit {
  constructor(private readonly consumers: BusConsumers) {}

  onModuleInit(): void {
    this.consumers.onEvent(
      Topics.platformMgmt.networkRegistered,
      networkRegisteredSchema,
      async ({ em, payload }) => {
        await em.upsert(LedgerNetwork, {
          id: payload.id,
          name: payload.name,
          rpcUrl: payload.rpcUrl,
          registeredAt: new Date(payload.createdAt),
        });
        for (const organisationId of payload.memberOrganisationIds) {
          await em.upsert(LedgerNetworkMember, { networkId: payload.id, organisationId });
        }
      },
    );
  }
}
