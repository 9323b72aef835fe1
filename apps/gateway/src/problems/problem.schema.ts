/** The problem+json body as a zod schema, for the OpenAPI document and tests. */
import { z } from 'zod';

export const problemSchema = z
  .object({
    type: z.string().describe('Stable URI `urn:strata:problem:<code>`, see docs/problems.md'),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string().optional(),
    instance: z.string().describe('The request path'),
    requestId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .catchall(z.unknown());
