/**
 * Idempotency keys on POST: scoped per caller subject. The same key with the same body finds
 * the stored operation; the same key with another body is a 422; no key still gets an operation
 * (and so a command id) of its own.
 */
import { Injectable } from '@nestjs/common';
import { gatewayProblem } from '../problems/catalog';
import { ProblemException } from '../problems/problem';
import { Clock, IdGenerator } from '../system/clock';
import type { Operation, OperationCommand } from './operation';
import { OperationRepository } from './operation.repository';
import { requestHash } from './request-hash';

const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

export interface BeginRequest {
  kind: string;
  subject: string;
  idempotencyKey?: string;
  body: unknown;
  /** Builds the command once the operation id (= command message id) is known. */
  command: (operationId: string) => OperationCommand;
}

export interface Begun {
  operation: Operation;
  /** False when an earlier request with the same key already created the operation. */
  created: boolean;
}

export function validateIdempotencyKey(raw: string | string[] | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === 'string' && KEY_FORMAT.test(raw)) return raw;
  throw new ProblemException(
    gatewayProblem('validation-failed', {
      errors: [
        { path: 'header.Idempotency-Key', message: 'must be 1-255 printable ASCII characters' },
      ],
    }),
  );
}

@Injectable()
export class IdempotencyService {
  constructor(
    private readonly operations: OperationRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async begin(request: BeginRequest): Promise<Begun> {
    const hash = requestHash(request.kind, request.body);
    if (request.idempotencyKey !== undefined) {
      const existing = await this.operations.findByKey(request.subject, request.idempotencyKey);
      if (existing)
        return { operation: this.sameRequest(existing, request.kind, hash), created: false };
    }
    const id = this.ids.next();
    const now = this.clock.now();
    const result = await this.operations.insert({
      id,
      kind: request.kind,
      subject: request.subject,
      idempotencyKey: request.idempotencyKey ?? null,
      requestHash: hash,
      command: asTransmitted(request.command(id)),
      status: 'pending',
      outcome: null,
      createdAt: now,
      updatedAt: now,
    });
    if (result.inserted) return { operation: result.operation, created: true };
    // Lost a race with a concurrent request carrying the same key.
    return { operation: this.sameRequest(result.operation, request.kind, hash), created: false };
  }

  private sameRequest(existing: Operation, kind: string, hash: string): Operation {
    if (existing.kind === kind && existing.requestHash === hash) return existing;
    throw new ProblemException(
      gatewayProblem('idempotency-key-reused', {
        detail: 'send a new Idempotency-Key for a different request',
        extensions: { operationId: existing.id },
      }),
    );
  }
}

/**
 * The command exactly as Kafka will carry it (JSON): keys whose value is `undefined` are dropped
 * here, instead of being stored (and then sent) as `null` by the ORM's JSON column — a service
 * whose schema allows a key to be absent but not null would otherwise refuse the command.
 */
function asTransmitted(command: OperationCommand): OperationCommand {
  return JSON.parse(JSON.stringify(command)) as OperationCommand;
}
