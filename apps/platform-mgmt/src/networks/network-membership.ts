/**
 * Applies a membership change that governance decided (admit or remove a member): under a lock
 * on the network's row it changes the member list, moves the network's membership revision on
 * by one and publishes `network-membership-changed` with the whole list through the outbox, so
 * the ledger (which checks membership on every network-scoped call) learns of it. A change that
 * is already in effect (an earlier proposal did it) changes and publishes nothing.
 */
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type NetworkMembershipChanged, Topics } from '@strata/contracts';
import { DomainProblem, OutboxWriter } from '@strata/bus';
import { Network, NetworkMember } from './network.entity';

export interface MembershipChange {
  networkId: string;
  kind: NetworkMembershipChanged['change']['kind'];
  organisationId: string;
  proposalId: string;
  at: Date;
}

export async function changeMembership(
  em: EntityManager,
  change: MembershipChange,
): Promise<'changed' | 'unchanged'> {
  const network = await em.findOne(
    Network,
    { id: change.networkId },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  if (!network) throw DomainProblem.notFound('Network', change.networkId);
  const members = (await em.find(NetworkMember, { networkId: change.networkId })).map(
    (member) => member.organisationId,
  );
  const admitted = change.kind === 'admitted';
  if (members.includes(change.organisationId) === admitted) return 'unchanged';
  if (admitted) {
    em.create(NetworkMember, {
      networkId: change.networkId,
      organisationId: change.organisationId,
    });
  } else {
    await em.nativeDelete(NetworkMember, {
      networkId: change.networkId,
      organisationId: change.organisationId,
    });
  }
  network.membershipRevision += 1;
  const payload: NetworkMembershipChanged = {
    networkId: change.networkId,
    revision: network.membershipRevision,
    memberOrganisationIds: (admitted
      ? [...members, change.organisationId]
      : members.filter((id) => id !== change.organisationId)
    ).sort(),
    change: { kind: change.kind, organisationId: change.organisationId },
    proposalId: change.proposalId,
    changedAt: change.at.toISOString(),
  };
  new OutboxWriter(em).add({
    topic: Topics.platformMgmt.networkMembershipChanged,
    key: change.networkId,
    payload,
  });
  return 'changed';
}
