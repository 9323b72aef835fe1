/**
 * Connection permissions applied through Besu's local permissioning RPCs: every node that joined
 * (or was admitted with its institution) and is not yet permissioned is added to the nodes
 * allowlist, and its account to the accounts allowlist, of every active node with a JSON-RPC
 * endpoint. Adding an entry twice is harmless, so a pass interrupted half-way is simply redone.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ConsortiumTopics } from '@strata/contracts';
import { OutboxWriter } from '@strata/bus';
import { Clock } from '@strata/runtime';
import { ConsensusAdmin } from '../consensus-admin/consensus-admin';
import { NetworkNode, toNodeDto } from './network-node.entity';

@Injectable()
export class NodePermissioning {
  constructor(
    private readonly clock: Clock,
    private readonly consensus: ConsensusAdmin,
  ) {}

  /** Networks with nodes waiting to be permissioned. */
  async pendingNetworks(em: EntityManager): Promise<string[]> {
    const pending = await em.find(
      NetworkNode,
      { status: 'active', permissionedAt: null },
      { fields: ['networkId'] },
    );
    return [...new Set(pending.map((node) => node.networkId))];
  }

  /** Permissions one network's pending nodes on its reachable nodes; false when none is reachable. */
  async permissionNetwork(em: EntityManager, networkId: string): Promise<boolean> {
    const active = await em.find(
      NetworkNode,
      { networkId, status: 'active' },
      { orderBy: { joinedAt: 'asc' } },
    );
    const pending = active.filter(
      (node) => node.permissionedAt === null || node.permissionedAt === undefined,
    );
    const reachable = active.flatMap((node) =>
      node.endpoints.rpcUrl ? [node.endpoints.rpcUrl] : [],
    );
    if (pending.length === 0 || reachable.length === 0) return false;
    for (const rpcUrl of reachable) {
      await this.consensus.addNodesToAllowlist(
        rpcUrl,
        pending.map((node) => node.enode),
      );
      await this.consensus.addAccountsToAllowlist(
        rpcUrl,
        pending.map((node) => node.address),
      );
    }
    const now = this.clock.now();
    pending.forEach((node) => (node.permissionedAt = now));
    new OutboxWriter(em).add({
      topic: ConsortiumTopics.nodesPermissioned,
      key: networkId,
      payload: { networkId, nodes: pending.map(toNodeDto), appliedOn: reachable.length },
    });
    return true;
  }
}
