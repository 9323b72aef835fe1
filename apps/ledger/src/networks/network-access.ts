/**
 * Who may use a network's transaction manager: the network must be known to the ledger and the
 * caller's organisation one of its members (outsiders get a 404, no existence leak). Global
 * readers (platform admin, auditor) asking without an organisation read any known network; the
 * gateway has already checked an auditor's grant on it, and auditors never reach a write.
 * The ledger learns of networks from platform-mgmt's `network-registered` event, so the 404 says
 * that a network registered a moment ago may not have arrived yet (the same answer for an
 * outsider: it tells nothing about the network).
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
  if (!network) throw networkNotFound(networkId);
  if (actor && hasGlobalReadScope(actor) && !organisationId) return network;
  const member =
    organisationId !== undefined &&
    (await em.count(LedgerNetworkMember, { networkId, organisationId })) > 0;
  if (!member) throw networkNotFound(networkId);
  return network;
}

/** The ledger's 404 for a network: unknown, not yet learnt, or not the caller's (one answer for all). */
export function networkNotFound(networkId: string): DomainProblem {
  return new DomainProblem({
    ...DomainProblem.notFound('Network', networkId).problem,
    detail:
      `No network with id ${networkId} is known to the ledger. A network registered a moment ` +
      'ago reaches the ledger within seconds: retry then.',
  });
}
