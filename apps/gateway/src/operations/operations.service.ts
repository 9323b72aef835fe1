/**
 * Runs POSTs as operations: records the operation, sends its command with the operation id as
 * message id and records the reply. A command that gets no reply in time stays pending and is
 * re-sent (same id) when the caller polls or repeats the request; the owner replays its reply.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { BusTimeoutError, Requester } from '@strata/bus';
import type { Actor, Reply } from '@strata/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { IdempotencyService } from '../idempotency/idempotency.service';
import type { Operation, OperationOutcome } from '../idempotency/operation';
import { OperationRepository } from '../idempotency/operation.repository';
import { gatewayProblem } from '../problems/catalog';
import { ProblemException } from '../problems/problem';
import { Clock } from '../system/clock';
import { OPERATION_KINDS, operationKind, type OperationKindName } from './operation-kinds';

/** A poll re-asks the owner with a short timeout so the poll itself stays quick. */
const REFRESH_TIMEOUT_MS = 2_000;

export interface SubmitRequest {
  kind: OperationKindName;
  actor: Actor;
  idempotencyKey?: string;
  body: unknown;
  /** Partition key of the command; defaults to the operation id (new aggregates). */
  key?: string;
}

@Injectable()
export class OperationsService {
  private readonly logger = new Logger(OperationsService.name);

  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly operations: OperationRepository,
    private readonly requester: Requester,
    private readonly clock: Clock,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async submit(request: SubmitRequest): Promise<Operation> {
    const { topic } = OPERATION_KINDS[request.kind];
    const { operation, created } = await this.idempotency.begin({
      kind: request.kind,
      subject: request.actor.subject,
      idempotencyKey: request.idempotencyKey,
      body: request.body,
      command: (id) => ({
        topic,
        key: request.key ?? id,
        payload: request.body,
        actor: request.actor,
      }),
    });
    if (operation.status !== 'pending') return operation;
    const timeout = created ? this.config.STRATA_REPLY_TIMEOUT_MS : this.refreshTimeout();
    return this.dispatch(operation, timeout, created);
  }

  /** The operation as its creator (or a platform admin) sees it, re-asking the owner if pending. */
  async get(id: string, actor: Actor): Promise<Operation> {
    const operation = await this.operations.findById(id);
    const visible =
      operation && (operation.subject === actor.subject || actor.roles.includes('platform-admin'));
    if (!operation || !visible)
      throw new ProblemException(gatewayProblem('not-found', { detail: `no operation ${id}` }));
    if (operation.status !== 'pending') return operation;
    return this.dispatch(operation, this.refreshTimeout(), false);
  }

  private refreshTimeout(): number {
    return Math.min(REFRESH_TIMEOUT_MS, this.config.STRATA_REPLY_TIMEOUT_MS);
  }

  private async dispatch(
    operation: Operation,
    timeoutMs: number,
    firstAttempt: boolean,
  ): Promise<Operation> {
    const { topic, key, payload, actor } = operation.command;
    let reply: Reply<unknown>;
    try {
      reply = await this.requester.request(
        topic,
        { id: operation.id, key, payload, actor },
        timeoutMs,
      );
    } catch (error) {
      if (error instanceof BusTimeoutError) return operation;
      this.logger.error(
        `sending operation ${operation.id} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!firstAttempt) return operation;
      throw new ProblemException(
        gatewayProblem('service-unavailable', {
          detail: 'the command could not be sent; retry with the same Idempotency-Key',
          extensions: { operationId: operation.id },
        }),
      );
    }
    const outcome = this.outcomeOf(operation, reply);
    const status = outcome.kind === 'resource' ? 'succeeded' : 'failed';
    return this.operations.complete(operation.id, status, outcome, this.clock.now());
  }

  private outcomeOf(operation: Operation, reply: Reply<unknown>): OperationOutcome {
    if (!reply.ok) return { kind: 'problem', problem: reply.problem };
    const kind = operationKind(operation.kind);
    const parsed = kind?.result.safeParse(reply.result);
    if (!kind || !parsed?.success) {
      this.logger.error(`operation ${operation.id} got a reply that does not match its schema`);
      const { status, title } = gatewayProblem('bad-upstream-reply');
      return { kind: 'problem', problem: { code: 'bad-upstream-reply', status, title } };
    }
    return {
      kind: 'resource',
      status: 201,
      body: parsed.data,
      location: kind.location(parsed.data),
    };
  }
}
