/**
 * Applies a membership change that governance decided (admit or remove a member): under a lock
 * on the network's row it changes the member list, moves the network's membership revision on
 * by one and publishes `network-membership-changed` with the whole list through the outbox, so
 * the ledger (which checks membership on every network-scoped call) learns of it. A removed
 * institution's nodes leave with it (their permissions are then revoked on the other nodes); one
 * that still owns a validator is not removed — the change waits until governance has taken its
 * validators out of the set. A change that is already in effect changes and publishes nothing.
 */
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ConsortiumTopics, type NetworkMembershipChanged, Topics } from '@strata/contracts';
import { DomainProblem, OutboxWriter } from '@strata/bus';
import { NetworkNode, toNodeDto } from '../nodes/network-node.entity';
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
): Promise<'changed' | 'unchanged' | { waitingFor: string[] }> {
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
  const outbox = new OutboxWriter(em);
  if (admitted) {
    em.create(NetworkMember, {
      networkId: change.networkId,
      organisationId: change.organisationId,
    });
  } else {
    const nodes = await em.find(NetworkNode, {
      networkId: change.networkId,
      organisationId: change.organisationId,
      status: 'active',
    });
    const validators = nodes.filter((node) => node.role === 'validator');
    if (validators.length > 0) return { waitingFor: validators.map((node) => node.name) };
    await em.nativeDelete(NetworkMember, {
      networkId: change.networkId,
      organisationId: change.organisationId,
    });
    // Its nodes leave with it; NodePermissioning then drops them from the others' allowlists.
    for (const node of nodes) {
      node.status = 'left';
      node.leftAt = change.at;
      outbox.add({
        topic: ConsortiumTopics.nodeLeft,
        key: change.networkId,
        payload: toNodeDto(node),
      });
    }
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
  outbox.add({
    topic: Topics.platformMgmt.networkMembershipChanged,
    key: change.networkId,
    payload,
  });
  return 'changed';
}
