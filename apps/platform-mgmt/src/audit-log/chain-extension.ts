/**
 * Extending the hash chain by a batch of events, without I/O: which events are new (not recorded
 * before, and the first occurrence of an id within the batch), their sequences, links and hashes
 * in batch order, and the chain's new head. The entries are exactly what one-at-a-time appends
 * would have produced (hash-chain.ts's format over the event's canonical JSON).
 */
import { canonicalJson } from './canonical-json';
import { linkHash } from './hash-chain';
import { scopeOf } from './event-scope';

export interface IncomingEvent {
  topic: string;
  /** The envelope exactly as published (parsed JSON). */
  envelope: { id: string; occurredAt: string } & Record<string, unknown>;
}

/** Whether the event was appended now, and its sequence in the chain either way. */
export type AppendOutcome = { appended: boolean; sequence: number };

export interface ChainHeadState {
  lastSequence: number;
  lastHash: string;
}

/** An entry row as stored (audit-log.entities.ts' AuditEntryRecord). */
export interface NewAuditEntry {
  sequence: number;
  eventId: string;
  topic: string;
  organisationId: string | null;
  networkId: string | null;
  occurredAt: Date;
  recordedAt: Date;
  /** The envelope's canonical JSON, exactly as hashed. */
  event: string;
  previousHash: string;
  hash: string;
}

export interface ChainExtension {
  /** The new entries, in sequence order. */
  entries: NewAuditEntry[];
  /** One per incoming event, in the same order. */
  outcomes: AppendOutcome[];
  head: ChainHeadState;
}

/** Postgres answers uuids in lower case; envelopes may spell them either way. */
export const eventKey = (eventId: string): string => eventId.toLowerCase();

/**
 * The entries that `events` add after `head`. `recorded` maps the (lower-case) ids of events
 * already in the chain to their sequences.
 */
export function extendChain(
  head: ChainHeadState,
  events: readonly IncomingEvent[],
  recorded: ReadonlyMap<string, number>,
  recordedAt: Date,
): ChainExtension {
  const known = new Map(recorded);
  const entries: NewAuditEntry[] = [];
  let { lastSequence, lastHash } = head;
  const outcomes = events.map(({ topic, envelope }): AppendOutcome => {
    const key = eventKey(envelope.id);
    const existing = known.get(key);
    if (existing !== undefined) return { appended: false, sequence: existing };
    const event = canonicalJson(envelope);
    const sequence = lastSequence + 1;
    const hash = linkHash({
      sequence,
      topic,
      eventId: envelope.id,
      canonicalEvent: event,
      previousHash: lastHash,
    });
    entries.push({
      sequence,
      eventId: envelope.id,
      topic,
      ...scopeOf(topic, envelope),
      occurredAt: new Date(envelope.occurredAt),
      recordedAt,
      event,
      previousHash: lastHash,
      hash,
    });
    known.set(key, sequence);
    [lastSequence, lastHash] = [sequence, hash];
    return { appended: true, sequence };
  });
  return { entries, outcomes, head: { lastSequence, lastHash } };
}
