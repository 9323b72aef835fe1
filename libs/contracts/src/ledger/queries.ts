/** Read requests the ledger answers over `strata.ledger.queries.v1` (request/reply). */
import { z } from 'zod';

export const ledgerQuerySchema = z.discriminatedUnion('query', [
  /** Live chain id and head of a registered network, read from its RPC endpoint. */
  z.object({ query: z.literal('chain-status'), networkId: z.uuid() }),
]);
export type LedgerQuery = z.infer<typeof ledgerQuerySchema>;
