/**
 * Port for stored operations. Implementations: PostgreSQL through MikroORM (runtime) and an
 * in-memory map (unit tests, OpenAPI generation). `insert` is atomic on (subject, key).
 */
import type { Operation, OperationOutcome, OperationStatus } from './operation';

export type InsertResult =
  { inserted: true; operation: Operation } | { inserted: false; operation: Operation };

export abstract class OperationRepository {
  /** Inserts, or returns the operation already stored for the same subject and idempotency key. */
  abstract insert(operation: Operation): Promise<InsertResult>;
  abstract findById(id: string): Promise<Operation | null>;
  abstract findByKey(subject: string, idempotencyKey: string): Promise<Operation | null>;
  /** Records the outcome unless the operation already has one (first outcome wins). */
  abstract complete(
    id: string,
    status: Exclude<OperationStatus, 'pending'>,
    outcome: OperationOutcome,
    at: Date,
  ): Promise<Operation>;
}

export class InMemoryOperationRepository extends OperationRepository {
  private readonly rows = new Map<string, Operation>();

  insert(operation: Operation): Promise<InsertResult> {
    const existing =
      operation.idempotencyKey === null
        ? null
        : this.byKey(operation.subject, operation.idempotencyKey);
    if (existing) return Promise.resolve({ inserted: false, operation: structuredClone(existing) });
    this.rows.set(operation.id, structuredClone(operation));
    return Promise.resolve({ inserted: true, operation: structuredClone(operation) });
  }

  findById(id: string): Promise<Operation | null> {
    const row = this.rows.get(id);
    return Promise.resolve(row ? structuredClone(row) : null);
  }

  findByKey(subject: string, idempotencyKey: string): Promise<Operation | null> {
    const row = this.byKey(subject, idempotencyKey);
    return Promise.resolve(row ? structuredClone(row) : null);
  }

  complete(
    id: string,
    status: Exclude<OperationStatus, 'pending'>,
    outcome: OperationOutcome,
    at: Date,
  ): Promise<Operation> {
    const row = this.rows.get(id);
    if (!row) return Promise.reject(new Error(`operation ${id} does not exist`));
    if (row.status === 'pending') Object.assign(row, { status, outcome, updatedAt: at });
    return Promise.resolve(structuredClone(row));
  }

  private byKey(subject: string, key: string): Operation | undefined {
    return [...this.rows.values()].find(
      (row) => row.subject === subject && row.idempotencyKey === key,
    );
  }
}
