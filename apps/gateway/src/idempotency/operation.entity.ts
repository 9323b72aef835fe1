/** The `operation` table of the gateway's schema: operations with their idempotency keys. */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { OperationCommand, OperationOutcome } from './operation';

export const OperationRecord = defineEntity({
  name: 'OperationRecord',
  tableName: 'operation',
  properties: {
    id: p.uuid().primary(),
    kind: p.string().length(100),
    subject: p.string().length(255),
    idempotencyKey: p.string().length(255).nullable(),
    requestHash: p.string().length(64),
    command: p.json<OperationCommand>(),
    status: p.enum(['pending', 'succeeded', 'failed'] as const),
    outcome: p.json<OperationOutcome>().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
  uniques: [
    { name: 'operation_subject_idempotency_key_unique', properties: ['subject', 'idempotencyKey'] },
  ],
});
export type OperationRecord = InferEntity<typeof OperationRecord>;
