/** Public shapes of operations: the 202 answer to a POST and the polled operation. */
import { busProblemSchema } from '@strata/contracts';
import { z } from 'zod';
import type { Operation } from '../idempotency/operation';

export const operationAcceptedSchema = z.object({
  operationId: z.uuid(),
  status: z.literal('pending'),
});

export const operationSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Where the created resource lives (succeeded). */
  resourceLocation: z.string().optional(),
  /** The created resource (succeeded). */
  result: z.unknown().optional(),
  /** Why it failed (failed). */
  problem: busProblemSchema.optional(),
});
export type OperationView = z.infer<typeof operationSchema>;

export function operationView(operation: Operation): OperationView {
  const view: OperationView = {
    id: operation.id,
    kind: operation.kind,
    status: operation.status,
    createdAt: operation.createdAt.toISOString(),
    updatedAt: operation.updatedAt.toISOString(),
  };
  const outcome = operation.outcome;
  if (outcome?.kind === 'resource') {
    view.result = outcome.body;
    if (outcome.location) view.resourceLocation = outcome.location;
  }
  if (outcome?.kind === 'problem') view.problem = outcome.problem;
  return view;
}
