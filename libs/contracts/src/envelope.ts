/**
 * The envelope every Kafka message carries: events, commands, queries and replies alike.
 * The payload is validated separately against the schema registered for the message's type.
 */
import { z } from 'zod';
import { actorSchema } from './roles';

export const envelopeSchema = z.object({
  /** Unique message id; consumers dedupe on it (inbox). */
  id: z.uuid(),
  /** The unprefixed topic name the message was published as, e.g. `strata.platform-mgmt.organisation-registered.v1`. */
  type: z.string().min(1),
  occurredAt: z.iso.datetime(),
  /** Ties a command to its reply and to the events it caused. */
  correlationId: z.string().min(1).optional(),
  /** Id of the message that caused this one. */
  causationId: z.string().min(1).optional(),
  /** Unprefixed topic where the reply to this command/query goes. */
  replyTo: z.string().min(1).optional(),
  actor: actorSchema.optional(),
  payload: z.unknown(),
});

export type Envelope<P = unknown> = Omit<z.infer<typeof envelopeSchema>, 'payload'> & {
  payload: P;
};

/** A problem as it travels on the bus; the gateway turns it into RFC 9457 problem+json. */
export const busProblemSchema = z.object({
  /** Stable machine code; the problem type URI is derived from it. */
  code: z.string().min(1),
  status: z.number().int().min(400).max(599),
  title: z.string().min(1),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type BusProblem = z.infer<typeof busProblemSchema>;

/** Reply to a command or query. */
export const replySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), problem: busProblemSchema }),
]);
export type Reply<R = unknown> = { ok: true; result: R } | { ok: false; problem: BusProblem };
