/**
 * Which entries the next anchor covers: from right after the last anchored (or in-flight)
 * sequence up to the chain head, at most `maxEntries`. An anchor is due when that many entries
 * are waiting, or when the oldest waiting entry is older than the interval. Entries announcing
 * anchors themselves never make an anchor due alone (an idle platform does not anchor forever).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditLogTopics } from '@strata/contracts';
import { AuditAnchorRecord, AuditChainHead, AuditEntryRecord } from './audit-log.entities';
import { type ChainFault, firstChainFault, GENESIS_HASH } from './hash-chain';
import { bytesToHex0x, hexToBytes, merkleRoot } from './merkle-tree';

export interface AnchorPolicy {
  intervalMs: number;
  maxEntries: number;
}

export interface AnchorWindow {
  firstSequence: number;
  lastSequence: number;
  root: string;
}

/** The last sequence covered by an anchor that is anchored or still on its way. */
export async function lastCoveredSequence(em: EntityManager): Promise<number> {
  const [latest] = await em.find(
    AuditAnchorRecord,
    { status: { $in: ['pending', 'submitted', 'anchored'] } },
    { orderBy: { lastSequence: 'desc' }, limit: 1 },
  );
  return latest?.lastSequence ?? 0;
}

export async function dueWindow(
  em: EntityManager,
  policy: AnchorPolicy,
  now: Date,
): Promise<AnchorWindow | undefined> {
  const head = await em.findOne(AuditChainHead, { id: 1 });
  const first = (await lastCoveredSequence(em)) + 1;
  if (!head || head.lastSequence < first) return undefined;
  const last = Math.min(head.lastSequence, first + policy.maxEntries - 1);
  const oldest = await em.findOne(
    AuditEntryRecord,
    { sequence: { $gte: first, $lte: last }, topic: { $ne: AuditLogTopics.anchored } },
    { orderBy: { sequence: 'asc' } },
  );
  if (!oldest) return undefined;
  const full = last - first + 1 >= policy.maxEntries;
  if (!full && now.getTime() - oldest.recordedAt.getTime() < policy.intervalMs) return undefined;
  return { firstSequence: first, lastSequence: last, root: await verifiedRoot(em, first, last) };
}

export class BrokenChainError extends Error {
  constructor(readonly fault: ChainFault) {
    super(`the audit chain is broken at entry ${fault.sequence} (${fault.kind}); not anchoring`);
    this.name = 'BrokenChainError';
  }
}

/**
 * The root of `first..last` after recomputing every entry's hash and link from the stored
 * canonical events: a row edited in the database is never anchored as if it were genuine.
 */
async function verifiedRoot(em: EntityManager, first: number, last: number): Promise<string> {
  const rows = await em.find(
    AuditEntryRecord,
    { sequence: { $gte: first, $lte: last } },
    { orderBy: { sequence: 'asc' } },
  );
  const before =
    first === 1
      ? GENESIS_HASH
      : (await em.findOne(AuditEntryRecord, { sequence: first - 1 }))?.hash;
  const fault = firstChainFault(
    rows.map((row) => ({
      sequence: row.sequence,
      topic: row.topic,
      eventId: row.eventId,
      event: JSON.parse(row.event) as unknown,
      previousHash: row.previousHash,
      hash: row.hash,
    })),
    before,
  );
  if (fault) throw new BrokenChainError(fault);
  return bytesToHex0x(merkleRoot(rows.map((row) => hexToBytes(row.hash))));
}

export async function entryHashes(
  em: EntityManager,
  first: number,
  last: number,
): Promise<string[]> {
  const rows = await em.find(
    AuditEntryRecord,
    { sequence: { $gte: first, $lte: last } },
    { orderBy: { sequence: 'asc' }, fields: ['sequence', 'hash'] },
  );
  return rows.map((row) => row.hash);
}
