/**
 * The organisations registry: registering (command) and reading (queries). Registration is
 * written together with its `organisation-registered.v1` event in the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type ListOrganisationsQuery,
  type Organisation as OrganisationDto,
  type Page,
  type RegisterOrganisation,
  Topics,
} from '@strata/contracts';
import { DomainProblem, type OutboxWriter } from '@strata/bus';
import { Clock } from '@strata/runtime';
import { normaliseName, Organisation, toOrganisationDto } from './organisation.entity';

@Injectable()
export class OrganisationsService {
  constructor(private readonly clock: Clock) {}

  async register(
    em: EntityManager,
    outbox: OutboxWriter,
    input: RegisterOrganisation,
  ): Promise<OrganisationDto> {
    const normalisedName = normaliseName(input.name);
    if (await em.count(Organisation, { country: input.country, normalisedName })) {
      throw DomainProblem.conflict(
        `An organisation named "${input.name}" is already registered in ${input.country}.`,
      );
    }
    if (
      input.legalIdentifier &&
      (await em.count(Organisation, { legalIdentifier: input.legalIdentifier }))
    ) {
      throw DomainProblem.conflict(
        `An organisation with legal identifier "${input.legalIdentifier}" is already registered.`,
      );
    }
    const organisation = em.create(Organisation, {
      id: randomUUID(),
      name: input.name,
      normalisedName,
      country: input.country,
      kind: input.kind,
      legalIdentifier: input.legalIdentifier ?? null,
      createdAt: this.clock.now(),
    });
    const dto = toOrganisationDto(organisation);
    outbox.add({ topic: Topics.platformMgmt.organisationRegistered, key: dto.id, payload: dto });
    return dto;
  }

  /** `granted`: a restricted auditor's organisations (the page holds only those, `total` exact). */
  async list(
    em: EntityManager,
    query: ListOrganisationsQuery,
    granted?: readonly string[],
  ): Promise<Page<OrganisationDto>> {
    const where = {
      ...(granted ? { id: { $in: [...granted] } } : {}),
      ...(query.name
        ? { normalisedName: { $like: `%${escapeLike(normaliseName(query.name))}%` } }
        : {}),
      ...(query.country ? { country: query.country } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
    };
    const [items, total] = await em.findAndCount(Organisation, where, {
      orderBy: { createdAt: 'asc', id: 'asc' },
      limit: query.limit,
      offset: query.offset,
    });
    return { items: items.map(toOrganisationDto), total, limit: query.limit, offset: query.offset };
  }

  async get(em: EntityManager, id: string): Promise<OrganisationDto> {
    const organisation = await em.findOne(Organisation, { id });
    if (!organisation) throw DomainProblem.notFound('Organisation', id);
    return toOrganisationDto(organisation);
  }

  /** Ids among `ids` that are not registered organisations. */
  async unknownIds(em: EntityManager, ids: string[]): Promise<string[]> {
    const found = await em.find(Organisation, { id: { $in: ids } }, { fields: ['id'] });
    const known = new Set(found.map((organisation) => organisation.id));
    return ids.filter((id) => !known.has(id));
  }
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}
