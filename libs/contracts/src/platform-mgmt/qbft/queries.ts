/** Read requests platform-mgmt answers over `strata.platform-mgmt.consortium-queries.v1`. */
import { z } from 'zod';

export const consortiumQuerySchema = z.discriminatedUnion('query', [
  z.object({ query: z.literal('get-provisioning-plan'), networkId: z.uuid() }),
  z.object({ query: z.literal('get-provisioning-bundle'), networkId: z.uuid() }),
  z.object({ query: z.literal('list-nodes'), networkId: z.uuid() }),
  z.object({ query: z.literal('list-proposals'), networkId: z.uuid() }),
  z.object({ query: z.literal('get-proposal'), networkId: z.uuid(), proposalId: z.uuid() }),
]);
export type ConsortiumQuery = z.infer<typeof consortiumQuerySchema>;
