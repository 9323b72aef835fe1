/**
 * The nodes registry: institutions' nodes join and leave a network through the API (provisioned
 * nodes are registered by ProvisioningService). A node is identified by its enode public key.
 * The other nodes' allowlists follow (NodePermissioning): a joined node is added, a node that left
 * is removed. A validator leaves only after governance took it out of the validator set.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type Actor,
  ConsortiumTopics,
  hasGlobalReadScope,
  type JoinNode,
  type LeaveNode,
  type NetworkNode as NetworkNodeDto,
} from '@strata/contracts';
import { DomainProblem, type OutboxWriter } from '@strata/bus';
import { Clock } from '@strata/runtime';
import { NetworkMember } from '../networks/network.entity';
import { addressOfEnode, publicKeyOfEnode } from '../provisioning/node-key';
import { NetworkNode, toNodeDto } from './network-node.entity';

@Injectable()
export class NodesService {
  constructor(private readonly clock: Clock) {}

  async join(
    em: EntityManager,
    outbox: OutboxWriter,
    { networkId, node }: JoinNode,
    actor: Actor | undefined,
  ): Promise<NetworkNodeDto> {
    const members = await this.membersOf(em, networkId);
    if (members.length === 0) throw DomainProblem.notFound('Network', networkId);
    requireAdminOf(actor, node.organisationId);
    if (!members.includes(node.organisationId)) {
      throw new DomainProblem({
        code: 'not-a-member',
        status: 422,
        title: 'Not a member of the network',
        detail: `Organisation ${node.organisationId} is not a member of network ${networkId}.`,
        errors: [{ path: 'organisationId', message: 'not a member of the network' }],
      });
    }
    const publicKey = publicKeyOfEnode(node.enode);
    const active = await em.find(NetworkNode, { networkId, status: 'active' });
    if (active.some((other) => other.publicKey === publicKey)) {
      throw DomainProblem.conflict(
        `A node with this enode is already part of network ${networkId}.`,
      );
    }
    if (active.some((other) => other.name === node.name)) {
      throw DomainProblem.conflict(
        `A node named "${node.name}" is already part of network ${networkId}.`,
      );
    }
    const entity = em.create(NetworkNode, {
      id: randomUUID(),
      networkId,
      organisationId: node.organisationId,
      name: node.name,
      role: node.role,
      enode: node.enode,
      publicKey,
      address: addressOfEnode(node.enode),
      endpoints: node.endpoints,
      status: 'active',
      joinedAt: this.clock.now(),
      leftAt: null,
      permissionedAt: null,
      revokedAt: null,
    });
    const dto = toNodeDto(entity);
    outbox.add({ topic: ConsortiumTopics.nodeJoined, key: networkId, payload: dto });
    return dto;
  }

  async leave(
    em: EntityManager,
    outbox: OutboxWriter,
    { networkId, nodeId }: LeaveNode,
    actor: Actor | undefined,
  ): Promise<NetworkNodeDto> {
    const node = await em.findOne(NetworkNode, { id: nodeId, networkId, status: 'active' });
    if (!node) throw DomainProblem.notFound('Node', nodeId);
    requireAdminOf(actor, node.organisationId);
    if (node.role === 'validator') {
      // Leaving would take a vote out of QBFT without the others agreeing to it.
      throw DomainProblem.conflict(
        `Node ${node.name} is a validator: a remove-validator proposal takes it out of the validator set first, then it can leave.`,
      );
    }
    node.status = 'left';
    node.leftAt = this.clock.now();
    const dto = toNodeDto(node);
    outbox.add({ topic: ConsortiumTopics.nodeLeft, key: networkId, payload: dto });
    return dto;
  }

  async list(
    em: EntityManager,
    networkId: string,
    actor: Actor | undefined,
  ): Promise<NetworkNodeDto[]> {
    const members = await this.membersOf(em, networkId);
    const visible =
      actor &&
      (hasGlobalReadScope(actor) ||
        (actor.organisationId && members.includes(actor.organisationId)));
    if (members.length === 0 || !visible) throw DomainProblem.notFound('Network', networkId);
    const nodes = await em.find(
      NetworkNode,
      { networkId },
      { orderBy: { joinedAt: 'asc', name: 'asc' } },
    );
    return nodes.map(toNodeDto);
  }

  private async membersOf(em: EntityManager, networkId: string): Promise<string[]> {
    return (await em.find(NetworkMember, { networkId })).map((member) => member.organisationId);
  }
}

/** Platform admins manage every node; an institution admin only its own organisation's. */
function requireAdminOf(actor: Actor | undefined, organisationId: string): void {
  if (actor?.roles.includes('platform-admin')) return;
  if (actor?.roles.includes('institution-admin') && actor.organisationId === organisationId) return;
  throw DomainProblem.forbidden(
    "Only a platform administrator or the organisation's administrator may do this.",
  );
}
