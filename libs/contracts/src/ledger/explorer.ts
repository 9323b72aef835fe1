/**
 * The chain explorer's reads, answered by the ledger over request/reply: blocks (newest first,
 * paginated), one block with its transactions, one transaction with its receipt and decoded
 * events, the events of a block range (decoded with the ABIs of the network's listeners, raw
 * otherwise), and a search by block number, block hash, transaction hash or address.
 */
import { z } from 'zod';
import { MAX_PAGE_LIMIT, pageRequestSchema, pageSchema } from '../pagination';
import { contractEventSchema } from './event-listeners';
import { evmAddressSchema } from './transactions';

export const ExplorerTopics = {
  queries: 'strata.ledger.explorer-queries.v1',
} as const;

/** A 32-byte hash (block or transaction) as 0x-prefixed hex. */
export const hash32Schema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, { error: 'must be a 32-byte hash: 0x and 64 hex digits' });

/** A block by decimal number or by hash. */
export const blockRefSchema = z.string().regex(/^(\d{1,15}|0x[0-9a-fA-F]{64})$/, {
  error: 'must be a decimal block number or a 32-byte block hash',
});

/** What the search box accepts: a block number, a block or transaction hash, or an address. */
export const explorerSearchSchema = z
  .string()
  .trim()
  .regex(/^(\d{1,15}|0x[0-9a-fA-F]{64}|0x[0-9a-fA-F]{40})$/, {
    error: 'must be a block number, a 32-byte hash or a 20-byte address',
  });

/** Most blocks one event query scans. */
export const MAX_EVENT_BLOCK_SPAN = 1000;

export const eventRangeRequestSchema = pageRequestSchema.extend({
  /** Defaults to the head. */
  toBlock: z.coerce.number().int().min(0).max(1e15).optional(),
  /** Defaults to 99 blocks below toBlock (100 blocks). */
  fromBlock: z.coerce.number().int().min(0).max(1e15).optional(),
  address: evmAddressSchema.optional(),
});
export type EventRangeRequest = z.infer<typeof eventRangeRequestSchema>;

export const explorerQuerySchema = z.discriminatedUnion('query', [
  z.object({ query: z.literal('list-blocks'), networkId: z.uuid(), page: pageRequestSchema }),
  z.object({ query: z.literal('get-block'), networkId: z.uuid(), block: blockRefSchema }),
  z.object({ query: z.literal('get-transaction'), networkId: z.uuid(), hash: hash32Schema }),
  z.object({
    query: z.literal('list-events'),
    networkId: z.uuid(),
    range: eventRangeRequestSchema,
  }),
  z.object({ query: z.literal('search'), networkId: z.uuid(), q: explorerSearchSchema }),
]);
export type ExplorerQuery = z.infer<typeof explorerQuerySchema>;

const quantity = z.string().regex(/^\d+$/);

export const blockSummarySchema = z.object({
  number: quantity,
  hash: z.string(),
  parentHash: z.string(),
  timestamp: z.iso.datetime(),
  miner: z.string(),
  gasUsed: quantity,
  gasLimit: quantity,
  transactionCount: z.number().int().min(0),
});
export type BlockSummary = z.infer<typeof blockSummarySchema>;
export const blockPageSchema = pageSchema(blockSummarySchema);

export const transactionSummarySchema = z.object({
  hash: z.string(),
  blockNumber: quantity.nullable(),
  transactionIndex: z.number().int().nullable(),
  from: z.string(),
  to: z.string().nullable(),
  /** Wei as a decimal string. */
  value: quantity,
});
export type TransactionSummary = z.infer<typeof transactionSummarySchema>;

export const blockDetailSchema = blockSummarySchema.extend({
  transactions: z.array(transactionSummarySchema),
});
export type BlockDetail = z.infer<typeof blockDetailSchema>;

/** A log as the explorer shows it: the contract event shape without listener fields. */
export const explorerEventSchema = contractEventSchema.omit({ listenerId: true, removed: true });
export type ExplorerEvent = z.infer<typeof explorerEventSchema>;

export const transactionDetailSchema = transactionSummarySchema.extend({
  blockHash: z.string().nullable(),
  nonce: z.number().int(),
  gas: quantity,
  input: z.string(),
  receipt: z
    .object({
      status: z.enum(['succeeded', 'reverted']),
      gasUsed: quantity,
      contractAddress: z.string().nullable(),
      events: z.array(explorerEventSchema),
    })
    .nullable(),
});
export type TransactionDetail = z.infer<typeof transactionDetailSchema>;

export const eventPageSchema = pageSchema(explorerEventSchema).extend({
  fromBlock: quantity,
  toBlock: quantity,
});
export type EventPage = z.infer<typeof eventPageSchema>;

export const addressDetailSchema = z.object({
  address: z.string(),
  balance: quantity,
  /** Transactions sent from it (its nonce). */
  transactionCount: z.number().int(),
  isContract: z.boolean(),
  /** Its transactions in the most recent blocks scanned (newest first). */
  recentTransactions: z.array(transactionSummarySchema),
  /** Events it emitted in the most recent blocks scanned (newest first). */
  recentEvents: z.array(explorerEventSchema),
  /** The blocks scanned for the two lists above. */
  scannedFromBlock: quantity,
  scannedToBlock: quantity,
});
export type AddressDetail = z.infer<typeof addressDetailSchema>;

export const searchResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('block'), block: blockSummarySchema }),
  z.object({ kind: z.literal('transaction'), transaction: transactionDetailSchema }),
  z.object({ kind: z.literal('address'), address: addressDetailSchema }),
]);
export type SearchResult = z.infer<typeof searchResultSchema>;

/** How many items the address view's recent lists hold at most. */
export const ADDRESS_RECENT_LIMIT = Math.min(20, MAX_PAGE_LIMIT);
