/**
 * Auditor grants: platform administrators grant and revoke; each change is stored with its event
 * (`auditor-access-granted.v1`, `auditor-grant-revoked.v1`, keyed by the auditor) through the
 * outbox, so the audit log records it. Access ends by itself: a grant past `expiresAt` is no
 * longer counted by `access()`, which the gateway asks before every auditor read.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type Actor,
  type AuditorAccess,
  type AuditorGrant,
  AuditorGrantTopics,
  type GrantAuditorAccess,
  type ListAuditorGrantsQuery,
  type Page,
  type RevokeAuditorGrant,
  isGrantRestricted,
} from '@strata/contracts';
import { DomainProblem, type OutboxWriter } from '@strata/bus';
import { Clock } from '@strata/runtime';
import { Network } from '../networks/network.entity';
import { Organisation } from '../organisations/organisation.entity';
import { AuditorGrantRecord, isActive, toGrantDto } from './auditor-grant.entity';

const MAX_GRANT_MS = 366 * 24 * 3600 * 1000;

function requirePlatformAdmin(actor: Actor | undefined): Actor {
  if (!actor?.roles.includes('platform-admin'))
    throw DomainProblem.forbidden('Only a platform administrator manages auditor grants.');
  return actor;
}

function unprocessable(code: string, title: string, path: string, detail: string): DomainProblem {
  return new DomainProblem({
    code,
    status: 422,
    title,
    detail,
    errors: [{ path, message: detail }],
  });
}

@Injectable()
export class AuditorGrantsService {
  constructor(private readonly clock: Clock) {}

  async grant(
    em: EntityManager,
    outbox: OutboxWriter,
    { grant }: GrantAuditorAccess,
    actor: Actor | undefined,
  ): Promise<AuditorGrant> {
    const admin = requirePlatformAdmin(actor);
    const now = this.clock.now();
    const expiresAt = new Date(grant.expiresAt);
    if (expiresAt.getTime() <= now.getTime())
      throw unprocessable(
        'expiry-passed',
        'Expiry in the past',
        'expiresAt',
        'The expiry must be in the future.',
      );
    if (expiresAt.getTime() - now.getTime() > MAX_GRANT_MS)
      throw unprocessable(
        'expiry-too-far',
        'Expiry too far',
        'expiresAt',
        'A grant lasts at most a year.',
      );
    await this.requireExisting(em, 'organisation', grant.organisationIds);
    await this.requireExisting(em, 'network', grant.networkIds);
    const record = em.create(AuditorGrantRecord, {
      id: randomUUID(),
      auditorSubject: grant.auditorSubject,
      organisationIds: grant.organisationIds,
      networkIds: grant.networkIds,
      expiresAt,
      reason: grant.reason ?? null,
      grantedBy: admin.subject,
      grantedAt: now,
      revokedAt: null,
      revokedBy: null,
    });
    const dto = toGrantDto(record, now);
    outbox.add({
      topic: AuditorGrantTopics.auditorAccessGranted,
      key: record.auditorSubject,
      payload: dto,
    });
    return dto;
  }

  async revoke(
    em: EntityManager,
    outbox: OutboxWriter,
    { grantId }: RevokeAuditorGrant,
    actor: Actor | undefined,
  ): Promise<AuditorGrant> {
    const admin = requirePlatformAdmin(actor);
    const record = await em.findOne(AuditorGrantRecord, { id: grantId });
    if (!record) throw DomainProblem.notFound('Auditor grant', grantId);
    const now = this.clock.now();
    if (record.revokedAt) throw DomainProblem.conflict(`Grant ${grantId} is already revoked.`);
    if (!isActive(record, now))
      throw DomainProblem.conflict(`Grant ${grantId} has already expired.`);
    record.revokedAt = now;
    record.revokedBy = admin.subject;
    const dto = toGrantDto(record, now);
    outbox.add({
      topic: AuditorGrantTopics.auditorGrantRevoked,
      key: record.auditorSubject,
      payload: dto,
    });
    return dto;
  }

  async list(
    em: EntityManager,
    params: ListAuditorGrantsQuery,
    actor: Actor | undefined,
  ): Promise<Page<AuditorGrant>> {
    const subject = this.readableSubject(actor, params.auditorSubject);
    const [items, total] = await em.findAndCount(
      AuditorGrantRecord,
      subject ? { auditorSubject: subject } : {},
      { orderBy: { grantedAt: 'desc', id: 'asc' }, limit: params.limit, offset: params.offset },
    );
    const now = this.clock.now();
    return {
      items: items.map((g) => toGrantDto(g, now)),
      total,
      limit: params.limit,
      offset: params.offset,
    };
  }

  async get(em: EntityManager, grantId: string, actor: Actor | undefined): Promise<AuditorGrant> {
    const record = await em.findOne(AuditorGrantRecord, { id: grantId });
    if (
      !record ||
      (!actor?.roles.includes('platform-admin') && record.auditorSubject !== actor?.subject)
    )
      throw DomainProblem.notFound('Auditor grant', grantId);
    return toGrantDto(record, this.clock.now());
  }

  /** The union of the subject's active grants (what they may read right now). */
  async access(em: EntityManager, auditorSubject: string): Promise<AuditorAccess> {
    const now = this.clock.now();
    const active = await em.find(AuditorGrantRecord, {
      auditorSubject,
      revokedAt: null,
      expiresAt: { $gt: now },
    });
    return {
      auditorSubject,
      organisationIds: [...new Set(active.flatMap((g) => g.organisationIds))].sort(),
      networkIds: [...new Set(active.flatMap((g) => g.networkIds))].sort(),
      grantIds: active.map((g) => g.id).sort(),
    };
  }

  /**
   * What a grant-restricted auditor (see `isGrantRestricted`) may read now; undefined for every
   * other caller. Owners of scoped reads narrow their queries with it, before paging.
   */
  async restrictionOf(
    em: EntityManager,
    actor: Actor | undefined,
  ): Promise<AuditorAccess | undefined> {
    if (!actor || !isGrantRestricted(actor)) return undefined;
    return this.access(em, actor.subject);
  }

  /** Platform administrators read every grant (or one auditor's); anyone else only their own. */
  private readableSubject(
    actor: Actor | undefined,
    requested: string | undefined,
  ): string | undefined {
    if (actor?.roles.includes('platform-admin')) return requested;
    if (!actor) throw DomainProblem.forbidden('Sign in to read auditor grants.');
    return actor.subject;
  }

  private async requireExisting(
    em: EntityManager,
    kind: 'organisation' | 'network',
    ids: string[],
  ): Promise<void> {
    if (ids.length === 0) return;
    const where = { id: { $in: ids } };
    const rows =
      kind === 'network'
        ? await em.find(Network, where, { fields: ['id'] })
        : await em.find(Organisation, where, { fields: ['id'] });
    const found = new Set(rows.map((row) => row.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length === 0) return;
    throw unprocessable(
      `unknown-${kind}`,
      `Unknown ${kind}`,
      kind === 'network' ? 'networkIds' : 'organisationIds',
      `No such ${kind}: ${missing.join(', ')}.`,
    );
  }
}
