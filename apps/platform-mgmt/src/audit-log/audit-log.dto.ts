/** The audit log's records as the API shows them (libs/contracts schemas). */
import type {
  AuditAnchor,
  AuditAnchoring,
  AuditEntry,
  RedactedAuditEntry,
} from '@strata/contracts';
import type {
  AuditAnchorRecord,
  AuditAnchoringRecord,
  AuditEntryRecord,
} from './audit-log.entities';

export function toEntryDto(record: AuditEntryRecord): AuditEntry {
  return {
    sequence: record.sequence,
    topic: record.topic,
    eventId: record.eventId,
    organisationId: record.organisationId ?? null,
    networkId: record.networkId ?? null,
    occurredAt: record.occurredAt.toISOString(),
    event: JSON.parse(record.event) as Record<string, unknown>,
    previousHash: record.previousHash,
    hash: record.hash,
  };
}

/** The entry as a restricted auditor's export shows it outside their grants. */
export function toRedactedEntryDto(record: AuditEntryRecord): RedactedAuditEntry {
  return {
    sequence: record.sequence,
    redacted: true,
    previousHash: record.previousHash,
    hash: record.hash,
  };
}

export function toAnchorDto(record: AuditAnchorRecord): AuditAnchor {
  return {
    id: record.id,
    networkId: record.networkId,
    chainId: record.chainId ?? null,
    contractAddress: record.contractAddress,
    firstSequence: record.firstSequence,
    lastSequence: record.lastSequence,
    root: record.root,
    status: record.status,
    txHash: record.txHash ?? null,
    blockNumber: record.blockNumber ?? null,
    createdAt: record.createdAt.toISOString(),
    anchoredAt: record.anchoredAt?.toISOString() ?? null,
  };
}

export function toAnchoringDto(record: AuditAnchoringRecord): AuditAnchoring {
  return {
    id: record.id,
    networkId: record.networkId,
    organisationId: record.organisationId,
    status: record.status,
    account: record.account ?? null,
    contractAddress: record.contractAddress ?? null,
    failureReason: record.failureReason ?? null,
    configuredAt: record.configuredAt.toISOString(),
  };
}
