/**
 * The audit log's tables: the hash-chained entries, the chain head (locked by every append, so
 * there is exactly one writer at a time), the anchors of Merkle roots on chain and the anchoring
 * configuration (network, signing account, contract).
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const AuditEntryRecord = defineEntity({
  name: 'AuditEntryRecord',
  tableName: 'audit_entry',
  indexes: [
    { properties: ['organisationId', 'sequence'] },
    { properties: ['networkId', 'sequence'] },
    { properties: ['topic', 'sequence'] },
    { properties: ['occurredAt'] },
  ],
  properties: {
    sequence: p.bigint('number').primary().autoincrement(false),
    eventId: p.uuid().unique(),
    topic: p.string().length(249),
    /** The organisation and network the event concerns (event-scope.ts); not hashed. */
    organisationId: p.uuid().nullable(),
    networkId: p.uuid().nullable(),
    occurredAt: p.datetime(),
    recordedAt: p.datetime(),
    /** RFC 8785 canonical JSON of the event's envelope, exactly as hashed. */
    event: p.text(),
    previousHash: p.string().length(64),
    hash: p.string().length(64),
  },
});
export type AuditEntryRecord = InferEntity<typeof AuditEntryRecord>;

/** One row: the last appended entry. `SELECT ... FOR UPDATE` on it serialises appends. */
export const AuditChainHead = defineEntity({
  name: 'AuditChainHead',
  tableName: 'audit_chain_head',
  properties: {
    id: p.integer().primary().autoincrement(false),
    lastSequence: p.bigint('number'),
    lastHash: p.string().length(64),
  },
});
export type AuditChainHead = InferEntity<typeof AuditChainHead>;

export const ANCHOR_STATUSES = ['pending', 'submitted', 'anchored', 'failed'] as const;

export const AuditAnchorRecord = defineEntity({
  name: 'AuditAnchorRecord',
  tableName: 'audit_anchor',
  indexes: [{ properties: ['status'] }, { properties: ['firstSequence'] }],
  properties: {
    id: p.uuid().primary(),
    anchoringId: p.uuid(),
    networkId: p.uuid(),
    chainId: p.string().length(40).nullable(),
    contractAddress: p.string().length(42),
    firstSequence: p.bigint('number'),
    lastSequence: p.bigint('number'),
    root: p.string().length(66),
    status: p.enum(ANCHOR_STATUSES),
    transactionId: p.uuid().nullable(),
    txHash: p.string().length(66).nullable(),
    blockNumber: p.bigint('number').nullable(),
    failureReason: p.text().nullable(),
    createdAt: p.datetime(),
    anchoredAt: p.datetime().nullable(),
  },
});
export type AuditAnchorRecord = InferEntity<typeof AuditAnchorRecord>;

export const ANCHORING_STATUSES = ['creating-account', 'deploying', 'ready', 'failed'] as const;

export const AuditAnchoringRecord = defineEntity({
  name: 'AuditAnchoringRecord',
  tableName: 'audit_anchoring',
  properties: {
    id: p.uuid().primary(),
    /** Only the latest configuration anchors; earlier ones stay for their anchors' sake. */
    active: p.boolean(),
    networkId: p.uuid(),
    organisationId: p.uuid(),
    status: p.enum(ANCHORING_STATUSES),
    account: p.string().length(42).nullable(),
    deployTransactionId: p.uuid().nullable(),
    contractAddress: p.string().length(42).nullable(),
    chainId: p.string().length(40).nullable(),
    failureReason: p.text().nullable(),
    configuredAt: p.datetime(),
  },
});
export type AuditAnchoringRecord = InferEntity<typeof AuditAnchoringRecord>;

export const AUDIT_LOG_ENTITIES = [
  AuditEntryRecord,
  AuditChainHead,
  AuditAnchorRecord,
  AuditAnchoringRecord,
];
