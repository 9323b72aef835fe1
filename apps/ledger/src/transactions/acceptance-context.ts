/**
 * What acceptance needs to know before it estimates gas, read in ONE query: the network (known,
 * and the caller's organisation a member: otherwise 404, no existence leak), the signing account
 * (unknown -> 404, another organisation's -> 403) and the organisation's deployed master account
 * on that network, if any (its on-chain `accountStatus` decides whether the account is frozen).
 * Four separate ORM look-ups per submission were a third of the ledger's acceptance cost.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainProblem } from '@strata/bus';
import { networkNotFound } from '../networks/network-access';

export interface AcceptanceContext {
  network: { id: string; rpcUrl: string };
  /** The account's address as registered (the request may spell it in another case). */
  account: string;
  /** Address of the organisation's deployed master account on the network, if any. */
  masterAccount: string | null;
}

interface ContextRow {
  rpc_url: string;
  member: boolean;
  account_address: string | null;
  account_organisation_id: string | null;
  master_address: string | null;
}

export async function acceptanceContext(
  em: EntityManager,
  networkId: string,
  organisationId: string,
  from: string,
): Promise<AcceptanceContext> {
  const rows = await em.execute<ContextRow[]>(
    `select n.rpc_url,
       exists (select 1 from ledger.network_member m
               where m.network_id = n.id and m.organisation_id = ?) as member,
       a.address as account_address, a.organisation_id as account_organisation_id,
       (select ma.address from ledger.master_account ma
        where ma.network_id = n.id and ma.organisation_id = ? and ma.status = 'deployed'
        limit 1) as master_address
     from ledger.network n
     left join ledger.signing_account a on a.network_id = n.id and a.address ilike ?
     where n.id = ?
     limit 1`,
    [organisationId, organisationId, from, networkId],
  );
  const row = rows[0];
  if (!row || !row.member) throw networkNotFound(networkId);
  if (!row.account_address) throw DomainProblem.notFound('Signing account', from);
  if (row.account_organisation_id !== organisationId) {
    throw DomainProblem.forbidden('The account belongs to another organisation.');
  }
  return {
    network: { id: networkId, rpcUrl: row.rpc_url },
    account: row.account_address,
    masterAccount: row.master_address,
  };
}
