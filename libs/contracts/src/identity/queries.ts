/** The identity service's reads (request/reply on `IdentityTopics.queries`). */
import { z } from 'zod';
import { didInputSchema } from './identifiers';

export const identityQuerySchema = z.discriminatedUnion('query', [
  z.object({ query: z.literal('resolve-did'), did: didInputSchema }),
  z.object({ query: z.literal('verify-credential'), credential: z.string().min(1).max(65_536) }),
  z.object({ query: z.literal('get-status-list'), id: z.uuid() }),
  z.object({
    query: z.literal('verify-presentation'),
    presentation: z.string().min(1).max(262_144),
  }),
]);
export type IdentityQuery = z.infer<typeof identityQuerySchema>;
