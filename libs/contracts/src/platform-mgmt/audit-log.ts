/**
 * The verifiable audit log on the bus (platform-mgmt): hash-chained entries of every event,
 * Merkle roots anchored on chain, the anchoring configuration (command + event) and the reads
 * auditors use (entries, inclusion proofs, anchors, export). See docs/audit-log.md.
 */
import { z } from 'zod';
import { pageRequestSchema, pageSchema } from '../pagination';

export const AuditLogTopics = {
  configureAnchoring: 'strata.platform-mgmt.configure-audit-anchoring.v1',
  anchoringConfigured: 'strata.platform-mgmt.audit-anchoring-configured.v1',
  /** A Merkle root of entries was confirmed on chain. */
  anchored: 'strata.platform-mgmt.audit-log-anchored.v1',
  queries: 'strata.platform-mgmt.audit-log-queries.v1',
} as const;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const bytes32Hex = z.string().regex(/^0x[0-9a-f]{64}$/);
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/);

/** Body of `PUT /api/v1/audit-log/anchoring` (platform-admin). */
export const configureAnchoringSchema = z
  .object({
    /** Network the anchors go to. */
    networkId: z.uuid(),
    /** The platform operator's organisation (a member of the network) whose account signs. */
    organisationId: z.uuid(),
  })
  .strict();
export type ConfigureAnchoring = z.infer<typeof configureAnchoringSchema>;

export const anchoringSchema = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  organisationId: z.uuid(),
  status: z.enum(['creating-account', 'deploying', 'ready', 'failed']),
  account: address.nullable(),
  contractAddress: address.nullable(),
  failureReason: z.string().nullable(),
  configuredAt: z.iso.datetime(),
});
export type AuditAnchoring = z.infer<typeof anchoringSchema>;

export const auditEntrySchema = z.object({
  sequence: z.number().int().min(1),
  topic: z.string(),
  eventId: z.uuid(),
  /** The organisation the event concerns (not hashed: derived from the event for filtering). */
  organisationId: z.uuid().nullable(),
  /** The network the event concerns (not hashed: derived from the event for filtering). */
  networkId: z.uuid().nullable(),
  occurredAt: z.iso.datetime(),
  /** The event's envelope as received; its RFC 8785 form is what the hash commits to. */
  event: z.record(z.string(), z.unknown()),
  previousHash: sha256Hex,
  hash: sha256Hex,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditEntryPageSchema = pageSchema(auditEntrySchema);

export const auditAnchorSchema = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  chainId: z.string().nullable(),
  contractAddress: address,
  firstSequence: z.number().int().min(1),
  lastSequence: z.number().int().min(1),
  /** RFC 6962 Merkle tree hash of the entries' hashes, 0x-prefixed. */
  root: bytes32Hex,
  status: z.enum(['pending', 'submitted', 'anchored', 'failed']),
  txHash: z.string().nullable(),
  blockNumber: z.number().int().min(0).nullable(),
  createdAt: z.iso.datetime(),
  anchoredAt: z.iso.datetime().nullable(),
});
export type AuditAnchor = z.infer<typeof auditAnchorSchema>;
export const auditAnchorPageSchema = pageSchema(auditAnchorSchema);

export const inclusionProofSchema = z.object({
  entry: auditEntrySchema,
  /** The anchor whose root covers the entry (null while the entry is not anchored yet). */
  anchor: auditAnchorSchema.nullable(),
  /** Index of the entry among the anchor's leaves (0-based). */
  leafIndex: z.number().int().min(0).nullable(),
  treeSize: z.number().int().min(1).nullable(),
  /** RFC 6962 audit path, 0x-prefixed SHA-256 hashes from the leaf upwards. */
  path: z.array(bytes32Hex),
});
export type InclusionProof = z.infer<typeof inclusionProofSchema>;

const datetime = z.iso.datetime({ offset: true });

export const listAuditEntriesQuerySchema = pageRequestSchema
  .extend({
    organisationId: z.uuid().optional(),
    networkId: z.uuid().optional(),
    topic: z.string().min(1).max(249).optional(),
    from: datetime.optional(),
    to: datetime.optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    error: '"from" must be before "to"',
    path: ['from'],
  });
export type ListAuditEntriesQuery = z.infer<typeof listAuditEntriesQuerySchema>;

export const exportAuditLogQuerySchema = z
  .object({
    fromSequence: z.coerce.number().int().min(1).default(1),
    /** At most 10,000 entries per document; ask again from the next sequence. */
    toSequence: z.coerce.number().int().min(1).optional(),
  })
  .strict()
  .refine((q) => q.toSequence === undefined || q.fromSequence <= q.toSequence, {
    error: '"fromSequence" must not be after "toSequence"',
    path: ['fromSequence'],
  })
  .refine((q) => q.toSequence === undefined || q.toSequence - q.fromSequence < 10_000, {
    error: 'at most 10,000 entries per export',
    path: ['toSequence'],
  });
export type ExportAuditLogQuery = z.infer<typeof exportAuditLogQuerySchema>;

/**
 * An entry outside a grant-restricted auditor's grants, as their export shows it: only what
 * links the chain and feeds the Merkle roots (its content, topic and event id are withheld).
 */
export const redactedAuditEntrySchema = z
  .object({
    sequence: z.number().int().min(1),
    redacted: z.literal(true),
    previousHash: sha256Hex,
    hash: sha256Hex,
  })
  .strict();
export type RedactedAuditEntry = z.infer<typeof redactedAuditEntrySchema>;

export const auditExportSchema = z.object({
  format: z.literal('strata-audit-log/v1'),
  exportedAt: z.iso.datetime(),
  /**
   * Consecutive entries; the first one's previousHash links to the entry before the range. A
   * grant-restricted auditor gets the entries outside their grants redacted.
   */
  entries: z.array(z.union([auditEntrySchema, redactedAuditEntrySchema])),
  /** Every anchored root whose range overlaps the exported entries. */
  anchors: z.array(auditAnchorSchema),
});
export type AuditExport = z.infer<typeof auditExportSchema>;

export const auditLogQuerySchema = z.discriminatedUnion('query', [
  z.object({ query: z.literal('list-entries'), params: listAuditEntriesQuerySchema }),
  z.object({ query: z.literal('get-proof'), sequence: z.number().int().min(1) }),
  z.object({ query: z.literal('list-anchors'), params: pageRequestSchema.strict() }),
  z.object({ query: z.literal('export'), params: exportAuditLogQuerySchema }),
  z.object({ query: z.literal('get-anchoring') }),
]);
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;
