/**
 * PostgreSQL adapter of {@link OperationRepository} through MikroORM. The unique index on
 * (subject, idempotency_key) makes concurrent requests with one key create one operation.
 */
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Operation, OperationOutcome, OperationStatus } from './operation';
import { OperationRecord } from './operation.entity';
import { OperationRepository, type InsertResult } from './operation.repository';

function toOperation(row: OperationRecord): Operation {
  return {
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    idempotencyKey: row.idempotencyKey ?? null,
    requestHash: row.requestHash,
    command: row.command,
    status: row.status,
    outcome: row.outcome ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export class MikroOperationRepository extends OperationRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async insert(operation: Operation): Promise<InsertResult> {
    try {
      await this.em.fork().insert(OperationRecord, { ...operation });
      return { inserted: true, operation };
    } catch (error) {
      if (
        !(error instanceof UniqueConstraintViolationException) ||
        operation.idempotencyKey === null
      )
        throw error;
      const existing = await this.findByKey(operation.subject, operation.idempotencyKey);
      if (!existing) throw error;
      return { inserted: false, operation: existing };
    }
  }

  async findById(id: string): Promise<Operation | null> {
    const row = await this.em.fork().findOne(OperationRecord, { id });
    return row ? toOperation(row) : null;
  }

  async findByKey(subject: string, idempotencyKey: string): Promise<Operation | null> {
    const row = await this.em.fork().findOne(OperationRecord, { subject, idempotencyKey });
    return row ? toOperation(row) : null;
  }

  async complete(
    id: string,
    status: Exclude<OperationStatus, 'pending'>,
    outcome: OperationOutcome,
    at: Date,
  ): Promise<Operation> {
    await this.em
      .fork()
      .nativeUpdate(OperationRecord, { id, status: 'pending' }, { status, outcome, updatedAt: at });
    const row = await this.findById(id);
    if (!row) throw new Error(`operation ${id} does not exist`);
    return row;
  }
}
