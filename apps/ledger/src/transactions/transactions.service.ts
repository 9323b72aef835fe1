/**
 * Reading transactions (one, or a filtered page), and accepting one on behalf of another ledger
 * service (e.g. a master account deployment); the acceptance itself is transaction-acceptance.ts.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type Actor,
  hasGlobalReadScope,
  type LedgerTransaction as LedgerTransactionDto,
  type ListTransactionsQuery,
  type Page,
  type SubmitTransactionCommand,
} from '@strata/contracts';
import { DomainProblem, type OutboxWriter } from '@strata/bus';
import { networkFor } from '../networks/network-access';
import { LedgerTransaction } from './ledger-transaction.entity';
import { TransactionAcceptance } from './transaction-acceptance';
import { withCancellations } from './interventions/cancellation-state';

@Injectable()
export class TransactionsService {
  constructor(private readonly acceptance: TransactionAcceptance) {}

  /** Accepts one transaction inside the caller's transaction (see TransactionAcceptance). */
  accept(
    em: EntityManager,
    outbox: OutboxWriter,
    command: SubmitTransactionCommand,
    actor: Actor | undefined,
  ): Promise<LedgerTransactionDto> {
    return this.acceptance.accept(em, outbox, command, actor);
  }

  async get(
    em: EntityManager,
    networkId: string,
    id: string,
    actor: Actor | undefined,
  ): Promise<LedgerTransactionDto> {
    const tx = await em.findOne(LedgerTransaction, { id, networkId });
    const visible =
      tx && actor && (hasGlobalReadScope(actor) || actor.organisationId === tx.organisationId);
    if (!tx || !visible) throw DomainProblem.notFound('Transaction', id);
    const [dto] = await withCancellations(em, [tx]);
    return dto;
  }

  async list(
    em: EntityManager,
    networkId: string,
    params: ListTransactionsQuery,
    actor: Actor | undefined,
  ): Promise<Page<LedgerTransactionDto>> {
    const global = actor !== undefined && hasGlobalReadScope(actor);
    await networkFor(em, networkId, actor?.organisationId, global ? actor : undefined);
    const createdAt = {
      ...(params.createdAfter ? { $gte: new Date(params.createdAfter) } : {}),
      ...(params.createdBefore ? { $lt: new Date(params.createdBefore) } : {}),
    };
    const where = {
      networkId,
      ...(global ? {} : { organisationId: actor?.organisationId ?? randomUUID() }),
      ...(params.status ? { status: params.status } : {}),
      ...(params.from ? { from: { $ilike: params.from } } : {}),
      ...(Object.keys(createdAt).length ? { createdAt } : {}),
      ...(params.updatedAfter ? { updatedAt: { $gte: new Date(params.updatedAfter) } } : {}),
    };
    const [items, total] = await em.findAndCount(LedgerTransaction, where, {
      orderBy: params.updatedAfter
        ? { updatedAt: 'asc', id: 'asc' }
        : { createdAt: 'desc', id: 'asc' },
      limit: params.limit,
      offset: params.offset,
    });
    return {
      items: await withCancellations(em, items),
      total,
      limit: params.limit,
      offset: params.offset,
    };
  }
}
