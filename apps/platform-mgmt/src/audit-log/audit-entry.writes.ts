/**
 * The chain's entries looked up and written a batch at a time, with bind parameters: which of a
 * batch's event ids are already recorded (one query), and the batch's new entries (one multi-row
 * insert). Through the ORM every value, each event's JSON included, would be escaped into the SQL
 * text. Columns as in audit-log.entities.ts' AuditEntryRecord.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { eventKey, type NewAuditEntry } from './chain-extension';

interface AuditEntryTable {
  sequence: number;
  event_id: string;
  topic: string;
  organisation_id: string | null;
  network_id: string | null;
  occurred_at: Date;
  recorded_at: Date;
  event: string;
  previous_hash: string;
  hash: string;
}

const entries = (em: EntityManager) =>
  em.getKysely<{ audit_entry: AuditEntryTable }>().withSchema('platform_mgmt');

/** The sequences of the given events that the chain already holds, by lower-case event id. */
export async function recordedSequences(
  em: EntityManager,
  eventIds: readonly string[],
): Promise<Map<string, number>> {
  if (eventIds.length === 0) return new Map();
  const rows = await entries(em)
    .selectFrom('audit_entry')
    .select(['event_id', 'sequence'])
    .where('event_id', 'in', [...new Set(eventIds)])
    .execute();
  // bigint columns arrive as strings from pg
  return new Map(rows.map((row) => [eventKey(row.event_id), Number(row.sequence)]));
}

export async function insertAuditEntries(
  em: EntityManager,
  newEntries: readonly NewAuditEntry[],
): Promise<void> {
  if (newEntries.length === 0) return;
  await entries(em)
    .insertInto('audit_entry')
    .values(
      newEntries.map((entry) => ({
        sequence: entry.sequence,
        event_id: entry.eventId,
        topic: entry.topic,
        organisation_id: entry.organisationId,
        network_id: entry.networkId,
        occurred_at: entry.occurredAt,
        recorded_at: entry.recordedAt,
        event: entry.event,
        previous_hash: entry.previousHash,
        hash: entry.hash,
      })),
    )
    .execute();
}
