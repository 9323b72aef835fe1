/**
 * Runs of events: consecutive events of one key from one Kafka batch handed to the handler
 * together, in ONE database transaction, for handlers whose effects are idempotent by the
 * event's content (e.g. an insert that ignores a row already there). Such a handler needs no
 * inbox row per event: a redelivered event changes nothing by itself. The offsets advance only
 * after the commit. A payload that does not parse, and every event of a run whose transaction
 * failed, take the usual one-at-a-time path (inbox, bounded retries, dead-letter topic), so one
 * poison event cannot hold up or lose the others.
 */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import type { Envelope } from '@strata/contracts';
import type { RunEntry } from './command-runs';

/** Most events one run takes; a longer group is split into several runs. */
export const EVENT_RUN_LIMIT = 500;

/** One event of a run, in partition order. */
export interface RunEvent<P> {
  envelope: Envelope;
  payload: P;
  key: string;
}

/** Handles a run of events in ONE transaction; must be idempotent by content (no inbox). */
export type EventRunHandler<P> = (em: EntityManager, events: RunEvent<P>[]) => Promise<void>;

export interface EventRunPorts {
  orm: MikroORM;
  warn: (error: unknown, message: string) => void;
}

export async function processEventRun<P>(
  ports: EventRunPorts,
  key: string,
  entries: RunEntry[],
  schema: z.ZodType<P>,
  handler: EventRunHandler<P>,
): Promise<void> {
  const events: RunEvent<P>[] = [];
  const valid: RunEntry[] = [];
  for (const entry of entries) {
    const parsed = schema.safeParse(entry.envelope.payload);
    if (!parsed.success) {
      await entry.alone(); // records its rejection
      continue;
    }
    events.push({ envelope: entry.envelope, payload: parsed.data, key });
    valid.push(entry);
  }
  if (events.length === 0) return;
  try {
    await ports.orm.em.fork().transactional((em) => handler(em, events));
  } catch (error) {
    ports.warn(error, `a run of ${events.length} events failed; processing them one by one`);
    for (const entry of valid) await entry.alone();
  }
}
