/**
 * Who may use a network's transaction manager: the network must be known to the ledger and the
 * caller's organisation one of its members (outsiders get a 404, no existence leak). Global
 * readers (platform admin, auditor) asking without an organisation read any known network; the
 * gateway has already checked an auditor's grant on it, and auditors never reach a write.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Actor, hasGlobalReadScope } from '@strata/contracts';
import { DomainProblem } from '@strata/bus';
import { LedgerNetwork } from './ledger-network.entity';
import { LedgerNetworkMember } from './network-member.entity';

export async function networkFor(
  em: EntityManager,
  networkId: string,
  organisationId: string | undefined,
  actor: Actor | undefined,
): Promise<LedgerNetwork> {
  const network = await em.findOne(LedgerNetwork, { id: networkId });
  if (!network) throw DomainProblem.notFound('Network', networkId);
  if (actor && hasGlobalReadScope(actor) && !organisationId) return network;
  const member =
    organisationId !== undefined &&
    (await em.count(LedgerNetworkMember, { networkId, organisationId })) > 0;
  if (!member) throw DomainProblem.notFound('Network', networkId);
  return network;
}
