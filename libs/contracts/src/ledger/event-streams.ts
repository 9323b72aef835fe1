/**
 * Event streams of the ledger: contract events (those the network's listeners sync) delivered to
 * consumers outside Kafka — a webhook (HMAC-signed JSON POSTs, retries with backoff, dead letters)
 * or a WebSocket with acknowledgements — filtered by listener, contract address and/or event
 * signature, in one order per stream, resumable and replayable from a block.
 */
import { z } from 'zod';
import { contractEventSchema, fromBlockSchema } from './event-listeners';
import { evmAddressSchema } from './transactions';

export const EventStreamTopics = {
  createEventStream: 'strata.ledger.create-event-stream.v1',
  /** Pause, resume, delete, replay from a block, re-drive dead letters. */
  changeEventStream: 'strata.ledger.change-event-stream.v1',
  /** A WebSocket client acknowledged events up to a sequence (sent by the gateway). */
  ackEventStream: 'strata.ledger.ack-event-stream.v1',
  /**
   * A WebSocket client connected to a stream (sent by the gateway instance that holds it): the
   * newest connection is the stream's only client, whichever instance it reached.
   */
  claimEventStreamSocket: 'strata.ledger.claim-event-stream-socket.v1',
  /** Audit of stream changes (never carries the webhook secret). */
  eventStreamChanged: 'strata.ledger.event-stream-changed.v1',
  queries: 'strata.ledger.event-stream-queries.v1',
} as const;

export const EVENT_STREAM_TYPES = ['webhook', 'websocket'] as const;
export const EVENT_STREAM_STATUSES = ['active', 'paused', 'deleted'] as const;
export const MAX_WEBHOOK_URL_LENGTH = 2048;

/** Why a webhook URL is refused, or undefined when it is a usable http(s) URL. */
export function streamWebhookUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute http(s) URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must use http or https';
  if (!url.hostname) return 'must name a host';
  if (url.username || url.password) return 'must not carry credentials';
  if (url.hash) return 'must not have a fragment';
  return undefined;
}

export const streamWebhookUrlSchema = z
  .string()
  .trim()
  .min(1)
  .max(MAX_WEBHOOK_URL_LENGTH)
  .superRefine((value, ctx) => {
    const problem = streamWebhookUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A canonical event signature as the ledger decodes it, e.g. `Transfer(address,address,uint256)`. */
export const eventSignatureSchema = z
  .string()
  .max(500)
  .regex(/^[A-Za-z_$][A-Za-z0-9_$]*\([A-Za-z0-9_,()[\] ]*\)$/, {
    error: 'must be an event signature such as Transfer(address,address,uint256)',
  });

/** Which contract events a stream carries: every given criterion must match (at least one). */
export const eventStreamFilterSchema = z
  .object({
    listenerId: z.uuid().optional(),
    address: evmAddressSchema.optional(),
    event: eventSignatureSchema.optional(),
  })
  .strict()
  .refine((f) => f.listenerId !== undefined || f.address !== undefined || f.event !== undefined, {
    error: 'name a listenerId, an address or an event',
  });
export type EventStreamFilter = z.infer<typeof eventStreamFilterSchema>;

export const webhookRetrySchema = z
  .object({
    /** Delivery attempts of one event before it goes to the dead-letter list. */
    maxAttempts: z.number().int().min(1).max(50).default(10),
    initialBackoffMs: z.number().int().min(100).max(600_000).default(1000),
    maxBackoffMs: z.number().int().min(100).max(3_600_000).default(60_000),
  })
  .strict()
  .refine((r) => r.initialBackoffMs <= r.maxBackoffMs, {
    error: 'initialBackoffMs must not exceed maxBackoffMs',
    path: ['initialBackoffMs'],
  });
export type WebhookRetry = z.output<typeof webhookRetrySchema>;

const streamBase = {
  name: z.string().trim().min(1).max(200),
  filter: eventStreamFilterSchema,
  /** Start with the events from this block (replay) or, by default, with what arrives next. */
  fromBlock: fromBlockSchema.optional(),
};

export const createEventStreamSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('webhook'),
      ...streamBase,
      url: streamWebhookUrlSchema,
      retry: webhookRetrySchema.optional(),
    })
    .strict(),
  z.object({ type: z.literal('websocket'), ...streamBase }).strict(),
]);
export type CreateEventStream = z.input<typeof createEventStreamSchema>;

export const createEventStreamCommandSchema = z.object({
  networkId: z.uuid(),
  stream: createEventStreamSchema,
});
export type CreateEventStreamCommand = z.infer<typeof createEventStreamCommandSchema>;

export const replayEventStreamSchema = z.object({ fromBlock: fromBlockSchema }).strict();
export type ReplayEventStream = z.infer<typeof replayEventStreamSchema>;

export const redriveDeadLettersSchema = z
  .object({
    /** The dead letters to deliver again; omitted: every one of the stream. */
    ids: z.array(z.uuid()).min(1).max(100).optional(),
  })
  .strict();
export type RedriveDeadLetters = z.infer<typeof redriveDeadLettersSchema>;

export const changeEventStreamCommandSchema = z.discriminatedUnion('change', [
  z.object({
    change: z.enum(['pause', 'resume', 'delete']),
    networkId: z.uuid(),
    streamId: z.uuid(),
  }),
  z.object({
    change: z.literal('replay'),
    networkId: z.uuid(),
    streamId: z.uuid(),
    fromBlock: fromBlockSchema,
  }),
  z.object({
    change: z.literal('redrive'),
    networkId: z.uuid(),
    streamId: z.uuid(),
    ids: z.array(z.uuid()).max(100).optional(),
  }),
]);
export type ChangeEventStreamCommand = z.infer<typeof changeEventStreamCommandSchema>;

export const ackEventStreamCommandSchema = z.object({
  networkId: z.uuid(),
  streamId: z.uuid(),
  /** Everything up to and including this sequence was processed by the client. */
  sequence: z.number().int().min(1),
  /** The connection acknowledging (see claimEventStreamSocket); refused once replaced. */
  session: z.uuid().optional(),
});
export type AckEventStreamCommand = z.infer<typeof ackEventStreamCommandSchema>;

export const claimEventStreamSocketCommandSchema = z.object({
  networkId: z.uuid(),
  streamId: z.uuid(),
  /** The new connection's id, chosen by the gateway; earlier connections are refused from now. */
  session: z.uuid(),
});
export type ClaimEventStreamSocketCommand = z.infer<typeof claimEventStreamSocketCommandSchema>;

/** The problem code a replaced WebSocket connection gets for its reads and acknowledgements. */
export const SOCKET_REPLACED = 'socket-replaced';

export const eventStreamSchema = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  organisationId: z.uuid().nullable(),
  name: z.string(),
  type: z.enum(EVENT_STREAM_TYPES),
  filter: z.object({
    listenerId: z.uuid().optional(),
    address: evmAddressSchema.optional(),
    event: z.string().optional(),
  }),
  /** Webhook target; null for a WebSocket stream. */
  url: z.string().nullable(),
  retry: z
    .object({ maxAttempts: z.number(), initialBackoffMs: z.number(), maxBackoffMs: z.number() })
    .nullable(),
  status: z.enum(EVENT_STREAM_STATUSES),
  /** Sequence of the last event delivered (webhook) or acknowledged (WebSocket); 0 at first. */
  position: z.number().int().min(0),
  /** Failed attempts of the event at the head of a webhook stream, and the last error. */
  attempts: z.number().int().min(0),
  lastError: z.string().nullable(),
  nextAttemptAt: z.iso.datetime().nullable(),
  deadLetters: z.number().int().min(0),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type EventStream = z.infer<typeof eventStreamSchema>;

/** The creation answer: the only time the webhook signing secret is shown. */
export const createdEventStreamSchema = eventStreamSchema.extend({
  /** HMAC-SHA256 key of the `Strata-Signature` header (hex); null for a WebSocket stream. */
  secret: z.string().nullable(),
});
export type CreatedEventStream = z.infer<typeof createdEventStreamSchema>;

/** One delivered event: the JSON body of a webhook POST and of a WebSocket `event` message. */
export const streamDeliverySchema = z.object({
  streamId: z.uuid(),
  /** Position of the event in the stream (ascending; the WebSocket ack refers to it). */
  sequence: z.number().int().min(1),
  /** The stable event id (`<block hash>:<log index>`) plus `removed`: the dedupe key. */
  event: contractEventSchema,
});
export type StreamDelivery = z.infer<typeof streamDeliverySchema>;

export const DEAD_LETTER_STATUSES = ['dead', 'redriving', 'delivered'] as const;
export const deadLetterSchema = z.object({
  id: z.uuid(),
  streamId: z.uuid(),
  sequence: z.number().int(),
  eventId: z.string(),
  removed: z.boolean(),
  blockNumber: z.string(),
  status: z.enum(DEAD_LETTER_STATUSES),
  attempts: z.number().int(),
  lastError: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;

const page = { limit: z.number().int().min(1).max(100), offset: z.number().int().min(0) };

export const eventStreamQuerySchema = z.discriminatedUnion('query', [
  z.object({ query: z.literal('get-event-stream'), networkId: z.uuid(), id: z.uuid() }),
  z.object({ query: z.literal('list-event-streams'), networkId: z.uuid(), ...page }),
  z.object({
    query: z.literal('list-dead-letters'),
    networkId: z.uuid(),
    id: z.uuid(),
    ...page,
  }),
  /** The next events of a WebSocket stream after `after` (or after its position). */
  z.object({
    query: z.literal('next-stream-events'),
    networkId: z.uuid(),
    id: z.uuid(),
    after: z.number().int().min(0),
    limit: z.number().int().min(1).max(500),
    /** The connection reading; refused once another one claimed the stream. */
    session: z.uuid().optional(),
  }),
]);
export type EventStreamQuery = z.infer<typeof eventStreamQuerySchema>;

export const eventStreamListSchema = z.object({
  items: z.array(eventStreamSchema),
  total: z.number().int().min(0),
  limit: z.number().int(),
  offset: z.number().int(),
});
export const deadLetterListSchema = z.object({
  items: z.array(deadLetterSchema),
  total: z.number().int().min(0),
  limit: z.number().int(),
  offset: z.number().int(),
});
export const nextStreamEventsSchema = z.object({
  /** Where the stream's acknowledged position is (events at or below it were acked). */
  position: z.number().int().min(0),
  items: z.array(streamDeliverySchema),
});
export type NextStreamEvents = z.infer<typeof nextStreamEventsSchema>;
