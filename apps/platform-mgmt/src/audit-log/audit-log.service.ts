/**
 * The audit log's reads (entries with filters, an entry's inclusion proof against its anchor,
 * anchors, the export document) and the anchoring configuration command. Reads are for
 * auditors, regulators and platform admins (checked by the gateway and again here); a
 * grant-restricted auditor reads the entries concerning what their grants cover, and gets the
 * others redacted in an export (links and hashes only, so the chain and roots still verify).
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type Actor,
  type AuditAnchor,
  type AuditAnchoring,
  type AuditExport,
  type AuditorAccess,
  AuditLogTopics,
  type ConfigureAnchoring,
  type ExportAuditLogQuery,
  type InclusionProof,
  type ListAuditEntriesQuery,
  type Page,
  type AuditEntry,
  type PageRequest,
} from '@strata/contracts';
import { DomainProblem, type OutboxWriter } from '@strata/bus';
import { Clock } from '@strata/runtime';
import { Network, NetworkMember } from '../networks/network.entity';
import { entryHashes } from './anchor-window';
import { AuditAnchoringRecord, AuditAnchorRecord, AuditEntryRecord } from './audit-log.entities';
import { toAnchorDto, toAnchoringDto, toEntryDto, toRedactedEntryDto } from './audit-log.dto';
import { bytesToHex0x, hexToBytes, inclusionPath } from './merkle-tree';

const READER_ROLES = ['auditor', 'platform-admin'] as const;

/** Entries concerning an organisation or a network the grants cover. */
function grantedEntries(granted: AuditorAccess) {
  return {
    $or: [
      { organisationId: { $in: granted.organisationIds } },
      { networkId: { $in: granted.networkIds } },
    ],
  };
}

function covers(granted: AuditorAccess, entry: AuditEntryRecord): boolean {
  return (
    (entry.organisationId != null && granted.organisationIds.includes(entry.organisationId)) ||
    (entry.networkId != null && granted.networkIds.includes(entry.networkId))
  );
}
/** Entries per export reply: a Kafka reply stays well below the broker's 1 MiB message limit. */
export const EXPORT_PAGE = 100;

@Injectable()
export class AuditLogService {
  constructor(private readonly clock: Clock) {}

  assertReader(actor: Actor | undefined): void {
    if (!actor?.roles.some((role) => (READER_ROLES as readonly string[]).includes(role))) {
      throw DomainProblem.forbidden(
        'The audit log is for auditors, regulators and platform admins.',
      );
    }
  }

  /** `granted`: a restricted auditor's grants; the page and `total` hold only entries they cover. */
  async listEntries(
    em: EntityManager,
    params: ListAuditEntriesQuery,
    granted?: AuditorAccess,
  ): Promise<Page<AuditEntry>> {
    const occurredAt = {
      ...(params.from ? { $gte: new Date(params.from) } : {}),
      ...(params.to ? { $lt: new Date(params.to) } : {}),
    };
    const where = {
      ...(granted ? grantedEntries(granted) : {}),
      ...(params.organisationId ? { organisationId: params.organisationId } : {}),
      ...(params.networkId ? { networkId: params.networkId } : {}),
      ...(params.topic ? { topic: params.topic } : {}),
      ...(Object.keys(occurredAt).length ? { occurredAt } : {}),
    };
    const [items, total] = await em.findAndCount(AuditEntryRecord, where, {
      orderBy: { sequence: 'asc' },
      limit: params.limit,
      offset: params.offset,
    });
    return { items: items.map(toEntryDto), total, limit: params.limit, offset: params.offset };
  }

  async proof(
    em: EntityManager,
    sequence: number,
    granted?: AuditorAccess,
  ): Promise<InclusionProof> {
    const entry = await em.findOne(AuditEntryRecord, { sequence });
    if (!entry) throw DomainProblem.notFound('Audit entry', String(sequence));
    if (granted && !covers(granted, entry)) {
      throw DomainProblem.forbidden(`No active auditor grant covers audit entry ${sequence}.`);
    }
    const anchor = await em.findOne(AuditAnchorRecord, {
      status: 'anchored',
      firstSequence: { $lte: sequence },
      lastSequence: { $gte: sequence },
    });
    if (!anchor)
      return { entry: toEntryDto(entry), anchor: null, leafIndex: null, treeSize: null, path: [] };
    const hashes = (await entryHashes(em, anchor.firstSequence, anchor.lastSequence)).map(
      hexToBytes,
    );
    const leafIndex = sequence - anchor.firstSequence;
    return {
      entry: toEntryDto(entry),
      anchor: toAnchorDto(anchor),
      leafIndex,
      treeSize: hashes.length,
      path: inclusionPath(hashes, leafIndex).map(bytesToHex0x),
    };
  }

  async listAnchors(em: EntityManager, params: PageRequest): Promise<Page<AuditAnchor>> {
    const [items, total] = await em.findAndCount(
      AuditAnchorRecord,
      {},
      {
        orderBy: { firstSequence: 'asc', createdAt: 'asc' },
        limit: params.limit,
        offset: params.offset,
      },
    );
    return { items: items.map(toAnchorDto), total, limit: params.limit, offset: params.offset };
  }

  /** `granted`: a restricted auditor's grants; entries outside them are redacted. */
  async export(
    em: EntityManager,
    params: ExportAuditLogQuery,
    granted?: AuditorAccess,
  ): Promise<AuditExport> {
    const first = params.fromSequence;
    const last = Math.min(params.toSequence ?? Infinity, first + EXPORT_PAGE - 1);
    const entries = await em.find(
      AuditEntryRecord,
      { sequence: { $gte: first, $lte: last } },
      { orderBy: { sequence: 'asc' } },
    );
    const covered = entries.at(-1)?.sequence ?? first;
    const anchors = await em.find(
      AuditAnchorRecord,
      { status: 'anchored', firstSequence: { $lte: covered }, lastSequence: { $gte: first } },
      { orderBy: { firstSequence: 'asc' } },
    );
    return {
      format: 'strata-audit-log/v1',
      exportedAt: this.clock.now().toISOString(),
      entries: entries.map((entry) =>
        !granted || covers(granted, entry) ? toEntryDto(entry) : toRedactedEntryDto(entry),
      ),
      anchors: anchors.map(toAnchorDto),
    };
  }

  async anchoring(em: EntityManager): Promise<AuditAnchoring> {
    const active = await em.findOne(AuditAnchoringRecord, { active: true });
    if (!active) throw DomainProblem.notFound('Audit anchoring configuration', 'active');
    return toAnchoringDto(active);
  }

  /** Replaces the active configuration; the scheduler then creates the account and contract. */
  async configure(
    em: EntityManager,
    outbox: OutboxWriter,
    input: ConfigureAnchoring,
    actor: Actor | undefined,
  ): Promise<AuditAnchoring> {
    if (!actor?.roles.includes('platform-admin')) {
      throw DomainProblem.forbidden('Only a platform administrator configures anchoring.');
    }
    if (!(await em.findOne(Network, { id: input.networkId }))) {
      throw DomainProblem.notFound('Network', input.networkId);
    }
    const member = await em.count(NetworkMember, {
      networkId: input.networkId,
      organisationId: input.organisationId,
    });
    if (member === 0) {
      throw new DomainProblem({
        code: 'organisation-not-a-member',
        status: 422,
        title: 'The organisation is not a member of the network',
        detail: `Organisation ${input.organisationId} must be a member of network ${input.networkId} to sign anchors there.`,
      });
    }
    await em.nativeUpdate(AuditAnchoringRecord, { active: true }, { active: false });
    const record = em.create(AuditAnchoringRecord, {
      id: randomUUID(),
      active: true,
      networkId: input.networkId,
      organisationId: input.organisationId,
      status: 'creating-account',
      account: null,
      deployTransactionId: null,
      contractAddress: null,
      chainId: null,
      failureReason: null,
      configuredAt: this.clock.now(),
    });
    const dto = toAnchoringDto(record);
    outbox.add({ topic: AuditLogTopics.anchoringConfigured, key: dto.id, payload: dto });
    return dto;
  }
}
