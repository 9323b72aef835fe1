/**
 * The networks registry: registering a network with its member organisations and reading it,
 * scoped to the caller's organisation unless the caller's role reads globally.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type Actor,
  hasGlobalReadScope,
  type ListNetworksQuery,
  type Network as NetworkDto,
  type NetworkDetail,
  type Page,
  type RegisterNetwork,
  Topics,
} from '@strata/contracts';
import { DomainProblem, type OutboxWriter } from '@strata/bus';
import { Clock } from '@strata/runtime';
import { normaliseName } from '../organisations/organisation.entity';
import { escapeLike, OrganisationsService } from '../organisations/organisations.service';
import { ChainStatusClient } from './chain-status.client';
import { Network, NetworkMember, toNetworkDto } from './network.entity';

@Injectable()
export class NetworksService {
  constructor(
    private readonly clock: Clock,
    private readonly organisations: OrganisationsService,
    private readonly chainStatus: ChainStatusClient,
  ) {}

  async register(
    em: EntityManager,
    outbox: OutboxWriter,
    input: RegisterNetwork,
  ): Promise<NetworkDto> {
    const members = [...new Set(input.memberOrganisationIds)];
    const unknown = await this.organisations.unknownIds(em, members);
    if (unknown.length > 0) {
      throw new DomainProblem({
        code: 'unknown-organisation',
        status: 422,
        title: 'Unknown member organisation',
        detail: `These organisations are not registered: ${unknown.join(', ')}.`,
        errors: unknown.map((id) => ({
          path: 'memberOrganisationIds',
          message: `unknown organisation ${id}`,
        })),
      });
    }
    const normalisedName = normaliseName(input.name);
    if (await em.count(Network, { normalisedName })) {
      throw DomainProblem.conflict(`A network named "${input.name}" is already registered.`);
    }
    const network = em.create(Network, {
      id: randomUUID(),
      name: input.name,
      normalisedName,
      description: input.description ?? null,
      rpcUrl: input.rpcUrl,
      createdAt: this.clock.now(),
    });
    members.forEach((organisationId) =>
      em.create(NetworkMember, { networkId: network.id, organisationId }),
    );
    const dto = toNetworkDto(network, members);
    outbox.add({ topic: Topics.platformMgmt.networkRegistered, key: dto.id, payload: dto });
    return dto;
  }

  /** `granted`: a restricted auditor's networks (the page holds only those, `total` exact). */
  async list(
    em: EntityManager,
    query: ListNetworksQuery,
    actor: Actor | undefined,
    granted?: readonly string[],
  ): Promise<Page<NetworkDto>> {
    const memberOf = this.scopeOf(actor, query.memberOrganisationId);
    if (memberOf === null) return { items: [], total: 0, limit: query.limit, offset: query.offset };
    const memberNetworkIds = memberOf
      ? (await em.find(NetworkMember, { organisationId: memberOf })).map(
          (member) => member.networkId,
        )
      : undefined;
    const networkIds =
      granted && memberNetworkIds
        ? memberNetworkIds.filter((id) => granted.includes(id))
        : (memberNetworkIds ?? (granted ? [...granted] : undefined));
    const where = {
      ...(networkIds ? { id: { $in: networkIds } } : {}),
      ...(query.name
        ? { normalisedName: { $like: `%${escapeLike(normaliseName(query.name))}%` } }
        : {}),
    };
    const [networks, total] = await em.findAndCount(Network, where, {
      orderBy: { createdAt: 'asc', id: 'asc' },
      limit: query.limit,
      offset: query.offset,
    });
    const members = await this.membersOf(
      em,
      networks.map((network) => network.id),
    );
    return {
      items: networks.map((network) => toNetworkDto(network, members.get(network.id) ?? [])),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async get(em: EntityManager, id: string, actor: Actor | undefined): Promise<NetworkDetail> {
    const network = await em.findOne(Network, { id });
    const members = (await this.membersOf(em, [id])).get(id) ?? [];
    const scope = this.scopeOf(actor, undefined);
    // Outsiders get the same answer as for a network that does not exist: no existence leak.
    if (!network || scope === null || (scope && !members.includes(scope)))
      throw DomainProblem.notFound('Network', id);
    return { ...toNetworkDto(network, members), chain: await this.chainStatus.statusOf(id) };
  }

  /**
   * The organisation a read is restricted to: undefined = everything (global readers, optionally
   * filtered), a uuid = that organisation's networks, null = nothing (no organisation on the token).
   */
  private scopeOf(
    actor: Actor | undefined,
    requested: string | undefined,
  ): string | undefined | null {
    if (actor && hasGlobalReadScope(actor)) return requested;
    const own = actor?.organisationId;
    if (!own) return null;
    if (requested && requested !== own) return null;
    return own;
  }

  private async membersOf(em: EntityManager, networkIds: string[]): Promise<Map<string, string[]>> {
    const rows = networkIds.length
      ? await em.find(NetworkMember, { networkId: { $in: networkIds } })
      : [];
    const byNetwork = new Map<string, string[]>();
    rows.forEach((row) =>
      byNetwork.set(row.networkId, [...(byNetwork.get(row.networkId) ?? []), row.organisationId]),
    );
    return byNetwork;
  }
}
