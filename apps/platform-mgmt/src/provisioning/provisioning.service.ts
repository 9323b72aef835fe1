/**
 * Provisioning a registered network as a Besu QBFT network: generates every node's key (kept in
 * the NodeKeyStore), registers the nodes, stores the plan and hands each member institution a
 * bundle with only its own keys.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type Actor,
  ConsortiumTopics,
  hasGlobalReadScope,
  type ProvisioningBundle,
  type ProvisioningPlan,
  type ProvisionNetwork,
} from '@strata/contracts';
import { DomainProblem, type OutboxWriter } from '@strata/bus';
import { Clock } from '@strata/runtime';
import { NetworkMember } from '../networks/network.entity';
import { NetworkNode, toNodeDto } from '../nodes/network-node.entity';
import { encodeGenesisExtraData } from '../qbft/qbft-extra-data';
import { type NetworkLayout, nodeRpcUrl } from './network-layout';
import { NodeKeyStore } from './node-key-store';
import { planNetwork } from './node-plan';
import { ProvisioningPlanRecord } from './provisioning-plan.entity';
import { institutionBundle } from './provisioning-bundle';

@Injectable()
export class ProvisioningService {
  constructor(
    private readonly clock: Clock,
    private readonly keys: NodeKeyStore,
  ) {}

  async provision(
    em: EntityManager,
    outbox: OutboxWriter,
    { networkId, plan }: ProvisionNetwork,
  ): Promise<ProvisioningPlan> {
    const members = await this.membersOf(em, networkId);
    if (members.length === 0) throw DomainProblem.notFound('Network', networkId);
    const outsiders = plan.institutions
      .map((institution) => institution.organisationId)
      .filter((organisationId) => !members.includes(organisationId));
    if (outsiders.length > 0) {
      throw new DomainProblem({
        code: 'not-a-member',
        status: 422,
        title: 'Not a member of the network',
        detail: `These organisations are not members of network ${networkId}: ${outsiders.join(', ')}.`,
        errors: outsiders.map((id) => ({ path: 'institutions', message: `not a member: ${id}` })),
      });
    }
    if (await em.count(ProvisioningPlanRecord, { networkId })) {
      throw DomainProblem.conflict(`Network ${networkId} is already provisioned.`);
    }
    const { layout, keys } = planNetwork(networkId, plan);
    const now = this.clock.now();
    const record = em.create(ProvisioningPlanRecord, {
      networkId,
      parameters: plan.parameters,
      genesisValidators: [...layout.genesisValidators],
      transitions: [],
      createdAt: now,
    });
    const nodes = layout.nodes.map((node) => {
      const entity = em.create(NetworkNode, {
        id: randomUUID(),
        networkId,
        organisationId: node.organisationId,
        name: node.name,
        role: node.role,
        enode: node.enode,
        publicKey: node.publicKey,
        address: node.address,
        endpoints: { rpcUrl: nodeRpcUrl(node.name) },
        status: 'active',
        joinedAt: now,
        leftAt: null,
        permissionedAt: now, // listed in the generated permissions_config.toml
        revokedAt: null,
      });
      this.keys.store(em, entity.id, keys.get(node.name) ?? '');
      return entity;
    });
    const dto = toPlanDto(record, nodes);
    outbox.add({ topic: ConsortiumTopics.networkProvisioned, key: networkId, payload: dto });
    return dto;
  }

  async plan(
    em: EntityManager,
    networkId: string,
    actor: Actor | undefined,
  ): Promise<ProvisioningPlan> {
    const record = await this.visiblePlan(em, networkId, actor);
    const nodes = await em.find(
      NetworkNode,
      { networkId },
      { orderBy: { joinedAt: 'asc', name: 'asc' } },
    );
    return toPlanDto(record, nodes);
  }

  /** The caller's organisation's bundle: shared files plus the keys of its own nodes only. */
  async bundle(
    em: EntityManager,
    networkId: string,
    actor: Actor | undefined,
  ): Promise<ProvisioningBundle> {
    const organisationId = actor?.organisationId;
    if (!organisationId) {
      throw DomainProblem.forbidden(
        'A bundle is for a member institution: the token names no organisation.',
      );
    }
    const record = await this.visiblePlan(em, networkId, actor);
    const nodes = await em.find(
      NetworkNode,
      { networkId, status: 'active' },
      { orderBy: { joinedAt: 'asc', name: 'asc' } },
    );
    const own = nodes.filter((node) => node.organisationId === organisationId);
    const sealed = await this.keys.load(
      em,
      own.map((node) => node.id),
    );
    const ownKeys = new Map(
      own.flatMap((node) => {
        const key = sealed.get(node.id);
        return key ? [[node.name, key] as const] : [];
      }),
    );
    return institutionBundle(layoutOf(record, nodes), organisationId, ownKeys);
  }

  /** The plan, if the caller may see it: global readers and member organisations only. */
  private async visiblePlan(
    em: EntityManager,
    networkId: string,
    actor: Actor | undefined,
  ): Promise<ProvisioningPlanRecord> {
    const record = await em.findOne(ProvisioningPlanRecord, { networkId });
    const members = await this.membersOf(em, networkId);
    const visible =
      actor &&
      (hasGlobalReadScope(actor) ||
        (actor.organisationId && members.includes(actor.organisationId)));
    // Outsiders get the same answer as for a plan that does not exist: no existence leak.
    if (!record || !visible) throw DomainProblem.notFound('Provisioning plan', networkId);
    return record;
  }

  private async membersOf(em: EntityManager, networkId: string): Promise<string[]> {
    return (await em.find(NetworkMember, { networkId })).map((member) => member.organisationId);
  }
}

export function layoutOf(
  record: ProvisioningPlanRecord,
  nodes: readonly NetworkNode[],
): NetworkLayout {
  return {
    networkId: record.networkId,
    parameters: record.parameters,
    genesisValidators: record.genesisValidators,
    transitions: record.transitions,
    nodes: nodes
      .filter((node) => node.status === 'active')
      .map((node) => ({
        name: node.name,
        organisationId: node.organisationId,
        role: node.role,
        address: node.address,
        publicKey: node.publicKey,
        enode: node.enode,
      })),
  };
}

function toPlanDto(
  record: ProvisioningPlanRecord,
  nodes: readonly NetworkNode[],
): ProvisioningPlan {
  return {
    id: record.networkId,
    networkId: record.networkId,
    parameters: record.parameters,
    genesisExtraData: encodeGenesisExtraData(record.genesisValidators),
    validators: record.genesisValidators,
    nodes: nodes.map(toNodeDto),
    transitions: record.transitions,
    createdAt: record.createdAt.toISOString(),
  };
}
