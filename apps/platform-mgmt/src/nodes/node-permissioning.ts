/**
 * Connection permissions applied through Besu's local permissioning RPCs, on every active node
 * with a JSON-RPC endpoint:
 * - a node that joined (or was admitted with its institution) and is not yet permissioned is
 *   added to the nodes allowlist, and its account to the accounts allowlist;
 * - a node that left (or whose institution was removed from the network) after it had been
 *   permissioned is removed from both, unless an active node of the network still uses the same
 *   key (a node that left and joined again).
 * Besu refuses a whole add if one entry is already there and a whole remove if one is absent, so
 * each node's allowlists are read first and only the difference is sent: a pass interrupted
 * half-way (some nodes changed, the database not yet) is simply redone.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ConsortiumTopics } from '@strata/contracts';
import { OutboxWriter } from '@strata/bus';
import { Clock } from '@strata/runtime';
import { ConsensusAdmin } from '../consensus-admin/consensus-admin';
import { publicKeyOfEnode } from '../provisioning/node-key';
import { NetworkNode, toNodeDto } from './network-node.entity';

@Injectable()
export class NodePermissioning {
  constructor(
    private readonly clock: Clock,
    private readonly consensus: ConsensusAdmin,
  ) {}

  /** Networks with nodes waiting to be permissioned, or to have their permissions revoked. */
  async pendingNetworks(em: EntityManager): Promise<string[]> {
    const pending = await em.find(
      NetworkNode,
      {
        $or: [
          { status: 'active', permissionedAt: null },
          { status: 'left', permissionedAt: { $ne: null }, revokedAt: null },
        ],
      },
      { fields: ['networkId'] },
    );
    return [...new Set(pending.map((node) => node.networkId))];
  }

  /** Applies one network's pending changes on its reachable nodes; false when none is reachable. */
  async permissionNetwork(em: EntityManager, networkId: string): Promise<boolean> {
    const nodes = await em.find(NetworkNode, { networkId }, { orderBy: { joinedAt: 'asc' } });
    const active = nodes.filter((node) => node.status === 'active');
    const adding = active.filter((node) => !node.permissionedAt);
    const revoking = nodes.filter(
      (node) => node.status === 'left' && node.permissionedAt && !node.revokedAt,
    );
    const reachable = active.flatMap((node) =>
      node.endpoints.rpcUrl ? [node.endpoints.rpcUrl] : [],
    );
    if ((adding.length === 0 && revoking.length === 0) || reachable.length === 0) return false;
    // A node's account is derived from its key: a key still in use keeps both entries.
    const kept = new Set(active.map((node) => node.publicKey));
    const dropped = revoking.filter((node) => !kept.has(node.publicKey));
    const revokedIds = new Set(dropped.map((node) => node.publicKey));
    const revokedAccounts = new Set(dropped.map((node) => node.address.toLowerCase()));
    for (const rpcUrl of reachable) {
      const enodes = await this.consensus.nodesAllowlist(rpcUrl);
      const accounts = new Set(await this.consensus.accountsAllowlist(rpcUrl));
      const allowed = new Set(enodes.map((enode) => enode.toLowerCase()));
      const newEnodes = adding
        .map((node) => node.enode)
        .filter((enode) => !allowed.has(enode.toLowerCase()));
      const newAccounts = adding
        .map((node) => node.address.toLowerCase())
        .filter((account) => !accounts.has(account));
      const staleEnodes = enodes.filter((enode) => revokedIds.has(publicKeyOfEnode(enode)));
      const staleAccounts = [...revokedAccounts].filter((account) => accounts.has(account));
      if (newEnodes.length > 0) await this.consensus.addNodesToAllowlist(rpcUrl, newEnodes);
      if (newAccounts.length > 0) await this.consensus.addAccountsToAllowlist(rpcUrl, newAccounts);
      if (staleEnodes.length > 0)
        await this.consensus.removeNodesFromAllowlist(rpcUrl, staleEnodes);
      if (staleAccounts.length > 0)
        await this.consensus.removeAccountsFromAllowlist(rpcUrl, staleAccounts);
    }
    const now = this.clock.now();
    const outbox = new OutboxWriter(em);
    if (adding.length > 0) {
      adding.forEach((node) => (node.permissionedAt = now));
      outbox.add({
        topic: ConsortiumTopics.nodesPermissioned,
        key: networkId,
        payload: { networkId, nodes: adding.map(toNodeDto), appliedOn: reachable.length },
      });
    }
    if (revoking.length > 0) {
      revoking.forEach((node) => (node.revokedAt = now));
      outbox.add({
        topic: ConsortiumTopics.nodePermissionsRevoked,
        key: networkId,
        payload: { networkId, nodes: revoking.map(toNodeDto), appliedOn: reachable.length },
      });
    }
    return true;
  }
}
