/**
 * Event listeners of the ledger's event sync on the bus: which contract events of a network the
 * ledger follows (address or all, event signatures from an ABI, start block, confirmation depth),
 * the commands that create, pause, resume and delete them, and the contract events it publishes
 * with a stable id (block hash + log index) so every consumer can dedupe.
 */
import { z } from 'zod';
import { evmAddressSchema } from './transactions';

export const EventListenerTopics = {
  createEventListener: 'strata.ledger.create-event-listener.v1',
  changeEventListener: 'strata.ledger.change-event-listener.v1',
  /** Audit of listener changes (created, paused, resumed, deleted). */
  eventListenerChanged: 'strata.ledger.event-listener-changed.v1',
  /** Every confirmed contract event (and `removed` ones after a reorg), key `<address>:<topic0>`. */
  contractEvent: 'strata.ledger.contract-event.v1',
  queries: 'strata.ledger.event-listener-queries.v1',
} as const;

export const EVENT_LISTENER_STATUSES = ['active', 'paused', 'deleted'] as const;
export const MAX_CONFIRMATIONS = 1000;

/** A block number as a decimal string, or `latest` (the head when the listener is created). */
export const fromBlockSchema = z
  .string()
  .regex(/^(latest|\d{1,15})$/, { error: 'must be "latest" or a decimal block number' });

/** A JSON ABI: its event fragments are checked by the ledger with ethers (malformed -> 400). */
const abiSchema = z.array(z.record(z.string(), z.unknown())).min(1).max(500);

export const createEventListenerSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    /** The contract to follow; omitted or null follows every contract emitting the events. */
    address: evmAddressSchema.nullable().optional(),
    abi: abiSchema,
    fromBlock: fromBlockSchema,
    /** Blocks (including the event's own) before an event is delivered as confirmed. */
    confirmations: z.number().int().min(1).max(MAX_CONFIRMATIONS),
  })
  .strict();
export type CreateEventListener = z.infer<typeof createEventListenerSchema>;

export const createEventListenerCommandSchema = z.object({
  networkId: z.uuid(),
  listener: createEventListenerSchema,
});
export type CreateEventListenerCommand = z.infer<typeof createEventListenerCommandSchema>;

export const EVENT_LISTENER_CHANGES = ['pause', 'resume', 'delete'] as const;
export const changeEventListenerCommandSchema = z.object({
  networkId: z.uuid(),
  listenerId: z.uuid(),
  change: z.enum(EVENT_LISTENER_CHANGES),
});
export type ChangeEventListenerCommand = z.infer<typeof changeEventListenerCommandSchema>;

export const eventListenerSchema = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  /** The organisation that owns it; null when a platform admin created it. */
  organisationId: z.uuid().nullable(),
  name: z.string(),
  address: evmAddressSchema.nullable(),
  /** Canonical signatures of the followed events, e.g. `Transfer(address,address,uint256)`. */
  events: z.array(z.string()),
  fromBlock: z.string(),
  confirmations: z.number().int(),
  status: z.enum(EVENT_LISTENER_STATUSES),
  /** The next block the sync will read (everything before it was delivered). */
  nextBlock: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type EventListener = z.infer<typeof eventListenerSchema>;

export const contractEventSchema = z.object({
  /** Stable across redeliveries: `<block hash>:<log index>`. */
  id: z.string(),
  listenerId: z.uuid(),
  networkId: z.uuid(),
  /** False for a confirmed event, true when a reorg abandoned the block that held it. */
  removed: z.boolean(),
  address: evmAddressSchema,
  blockNumber: z.string(),
  blockHash: z.string(),
  transactionHash: z.string(),
  logIndex: z.number().int(),
  topics: z.array(z.string()),
  data: z.string(),
  /** Null when the log matched no event of the ABI (raw fallback). */
  event: z
    .object({
      name: z.string(),
      signature: z.string(),
      args: z.record(z.string(), z.unknown()),
    })
    .nullable(),
});
export type ContractEvent = z.infer<typeof contractEventSchema>;

export const eventListenerQuerySchema = z.discriminatedUnion('query', [
  z.object({ query: z.literal('get-event-listener'), networkId: z.uuid(), id: z.uuid() }),
  z.object({ query: z.literal('list-event-listeners'), networkId: z.uuid() }),
]);
export type EventListenerQuery = z.infer<typeof eventListenerQuerySchema>;
export const eventListenerListSchema = z.object({ items: z.array(eventListenerSchema) });
