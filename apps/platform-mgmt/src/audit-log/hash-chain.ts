/**
 * The audit log's hash chain. Each entry commits to the one before it:
 *   hash = hex(SHA-256(JCS({ sequence, topic, eventId, event, previousHash })))
 * with `previousHash` of the first entry 64 zeros. Changing, removing, inserting or reordering
 * any entry changes every hash after it.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainLink {
  sequence: number;
  topic: string;
  eventId: string;
  event: unknown;
  previousHash: string;
}

export interface ChainedEntry extends ChainLink {
  hash: string;
}

/** An entry whose content is withheld (a restricted auditor's export): its links still count. */
export interface RedactedEntry {
  sequence: number;
  redacted: true;
  previousHash: string;
  hash: string;
}

export const isRedacted = (entry: ChainedEntry | RedactedEntry): entry is RedactedEntry =>
  'redacted' in entry && entry.redacted;

export function entryHash(link: ChainLink): string {
  const { sequence, topic, eventId, event, previousHash } = link;
  return linkHash({ sequence, topic, eventId, canonicalEvent: canonicalJson(event), previousHash });
}

/**
 * The same hash over the event's canonical JSON as already known (the appender has it): JCS sorts
 * the link's keys (event, eventId, previousHash, sequence, topic) and embeds the event's own
 * canonical form, so the event is neither parsed back nor canonicalised a second time.
 */
export function linkHash(link: {
  sequence: number;
  topic: string;
  eventId: string;
  canonicalEvent: string;
  previousHash: string;
}): string {
  const text =
    `{"event":${link.canonicalEvent},"eventId":${canonicalJson(link.eventId)}` +
    `,"previousHash":${canonicalJson(link.previousHash)}` +
    `,"sequence":${canonicalJson(link.sequence)},"topic":${canonicalJson(link.topic)}}`;
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export type ChainFault =
  | { kind: 'sequence-gap'; sequence: number; expected: number }
  | { kind: 'broken-link'; sequence: number; expected: string; found: string }
  | { kind: 'hash-mismatch'; sequence: number; expected: string; found: string };

/**
 * Checks consecutive entries; the first one links to `anchorHash` when given (the hash of the
 * entry before the range, or GENESIS_HASH from the start). Returns the first fault, if any. A
 * redacted entry's links are checked, its content cannot be.
 */
export function firstChainFault(
  entries: readonly (ChainedEntry | RedactedEntry)[],
  anchorHash?: string,
): ChainFault | undefined {
  let previous = anchorHash;
  let expectedSequence = entries[0]?.sequence;
  for (const entry of entries) {
    if (entry.sequence !== expectedSequence) {
      return { kind: 'sequence-gap', sequence: entry.sequence, expected: expectedSequence ?? 1 };
    }
    if (previous !== undefined && entry.previousHash !== previous) {
      return {
        kind: 'broken-link',
        sequence: entry.sequence,
        expected: previous,
        found: entry.previousHash,
      };
    }
    const recomputed = isRedacted(entry) ? entry.hash : entryHash(entry);
    if (recomputed !== entry.hash) {
      return {
        kind: 'hash-mismatch',
        sequence: entry.sequence,
        expected: recomputed,
        found: entry.hash,
      };
    }
    previous = entry.hash;
    expectedSequence = entry.sequence + 1;
  }
  return undefined;
}
