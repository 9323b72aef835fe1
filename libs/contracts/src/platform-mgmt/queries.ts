/** Read requests platform-mgmt answers over `strata.platform-mgmt.queries.v1` (request/reply). */
import { z } from 'zod';
import { listNetworksQuerySchema } from './networks';
import { listOrganisationsQuerySchema } from './organisations';

export const platformMgmtQuerySchema = z.discriminatedUnion('query', [
  z.object({ query: z.literal('list-organisations'), params: listOrganisationsQuerySchema }),
  z.object({ query: z.literal('get-organisation'), id: z.uuid() }),
  z.object({ query: z.literal('list-networks'), params: listNetworksQuerySchema }),
  z.object({ query: z.literal('get-network'), id: z.uuid() }),
]);
export type PlatformMgmtQuery = z.infer<typeof platformMgmtQuerySchema>;
