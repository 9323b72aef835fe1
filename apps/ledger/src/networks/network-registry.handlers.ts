/**
 * Keeps the ledger's copy of the registry in step with platform-mgmt by consuming
 * `network-registered.v1` (the network and its first members, revision 0) and
 * `network-membership-changed.v1` (the whole member list after governance admitted or removed a
 * member, revision N). The two topics are consumed independently, so the stored revision decides:
 * a list is applied only when it is newer than the one held (a redelivered or late event changes
 * nothing). A removed organisation's event listeners and streams on the network are paused
 * (members-only from then on: it can neither read nor resume them).
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { networkMembershipChangedSchema, networkRegisteredSchema, Topics } from '@strata/contracts';
import { BusConsumers } from '@strata/bus';
import { LedgerNetwork } from './ledger-network.entity';
import { LedgerNetworkMember } from './network-member.entity';
import { MemberRemoval } from './member-removal';

@Injectable()
export class NetworkRegistryHandlers implements OnModuleInit {
  constructor(
    private readonly consumers: BusConsumers,
    private readonly removal: MemberRemoval,
  ) {}

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
        // A membership change that arrived first holds a newer list: the registration's stays out.
        if (await claimRevision(em, payload.id, 0)) {
          await replaceMembers(em, payload.id, payload.memberOrganisationIds);
        }
      },
    );
    this.consumers.onEvent(
      Topics.platformMgmt.networkMembershipChanged,
      networkMembershipChangedSchema,
      async ({ em, outbox, payload }) => {
        if (!(await claimRevision(em, payload.networkId, payload.revision))) return;
        const removed = await replaceMembers(em, payload.networkId, payload.memberOrganisationIds);
        if (removed.length > 0) {
          await this.removal.suspendAccess(em, outbox, payload.networkId, removed, payload);
        }
      },
    );
  }
}

/**
 * Records `revision` as the network's membership revision if it is newer than the stored one
 * (or none is stored); false when it is not, i.e. the event's list must not be applied. The row
 * lock of the insert/update serialises concurrent handlers of the same network.
 */
async function claimRevision(
  em: EntityManager,
  networkId: string,
  revision: number,
): Promise<boolean> {
  const claimed = await em.execute<{ network_id: string }[]>(
    `insert into "ledger"."network_membership" ("network_id", "revision") values (?, ?)
     on conflict ("network_id") do update set "revision" = excluded."revision"
       where "network_membership"."revision" < excluded."revision"
     returning "network_id"`,
    [networkId, revision],
  );
  return claimed.length > 0;
}

/** Makes the network's members exactly `members`; returns the organisations that were removed. */
async function replaceMembers(
  em: EntityManager,
  networkId: string,
  members: readonly string[],
): Promise<string[]> {
  const before = (await em.find(LedgerNetworkMember, { networkId })).map(
    (member) => member.organisationId,
  );
  const removed = before.filter((organisationId) => !members.includes(organisationId));
  if (removed.length > 0) {
    await em.nativeDelete(LedgerNetworkMember, { networkId, organisationId: { $in: removed } });
  }
  for (const organisationId of members) {
    await em.upsert(LedgerNetworkMember, { networkId, organisationId });
  }
  return removed;
}
