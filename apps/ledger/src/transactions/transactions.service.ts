/**
 * Accepting and reading transactions. Acceptance checks the caller may use the account,
 * encodes the payload, estimates gas (a would-be revert is a 422 with its reason, before
 * anything is signed or stored), allocates the nonce and stores the transaction `accepted`;
 * the submitter takes it from there.
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
import { Clock } from '@strata/runtime';
import { SigningAccount } from '../accounts/signing-account.entity';
import { DEFAULT_GAS_SETTINGS, gasLimitWithMargin } from '../gas/gas-policy';
import { OperationalAccountGuard } from '../master-accounts/operational-account-guard';
import { networkFor } from '../networks/network-access';
import { EvmNode } from '../node/evm-node';
import { NonceAllocator } from '../nonces/nonce-allocator';
import { LedgerTransaction, toTransactionDto } from './ledger-transaction.entity';
import { decodeRevertReason, revertDataOf } from './revert-reason';
import { encodePayload } from './transaction-payload';
import { recordTransition } from './transitions';

const SUBMITTER_ROLES = ['institution-admin', 'operator'] as const;

@Injectable()
export class TransactionsService {
  constructor(
    private readonly node: EvmNode,
    private readonly nonces: NonceAllocator,
    private readonly clock: Clock,
    private readonly accountGuard: OperationalAccountGuard,
  ) {}

  async accept(
    em: EntityManager,
    outbox: OutboxWriter,
    command: SubmitTransactionCommand,
    actor: Actor | undefined,
  ): Promise<LedgerTransactionDto> {
    const organisationId = actor?.organisationId;
    if (!actor || !organisationId || !SUBMITTER_ROLES.some((r) => actor.roles.includes(r))) {
      throw DomainProblem.forbidden('Only an institution administrator or operator may submit.');
    }
    const network = await networkFor(em, command.networkId, organisationId, undefined);
    const request = command.transaction;
    const account = await em.findOne(SigningAccount, {
      networkId: network.id,
      address: { $ilike: request.from },
    });
    if (!account) throw DomainProblem.notFound('Signing account', request.from);
    if (account.organisationId !== organisationId) {
      throw DomainProblem.forbidden('The account belongs to another organisation.');
    }
    await this.accountGuard.requireUsable(em, network, organisationId, account.address);
    const payload = encodePayload(request);
    const gasLimit = request.gasLimit
      ? BigInt(request.gasLimit)
      : await this.estimate(network.rpcUrl, account.address, payload);
    const nonce = await this.nonces.allocate(em, network.id, account.address);
    const now = this.clock.now();
    const tx = em.create(LedgerTransaction, {
      id: randomUUID(),
      networkId: network.id,
      organisationId,
      requestedBy: actor,
      kind: request.kind,
      from: account.address,
      to: payload.to,
      value: payload.value.toString(),
      data: payload.data,
      abi: payload.abi,
      nonce,
      gasLimit: gasLimit.toString(),
      status: 'accepted',
      hash: null,
      raw: null,
      previousHashes: [],
      attempts: 0,
      feePerGas: null,
      priorityFeePerGas: null,
      broadcastAt: null,
      nextCheckAt: now,
      blockNumber: null,
      blockHash: null,
      contractAddress: null,
      failureReason: null,
      createdAt: now,
      updatedAt: now,
    });
    recordTransition(outbox, tx);
    return toTransactionDto(tx);
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
    return toTransactionDto(tx);
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
    };
    const [items, total] = await em.findAndCount(LedgerTransaction, where, {
      orderBy: { createdAt: 'desc', id: 'asc' },
      limit: params.limit,
      offset: params.offset,
    });
    return {
      items: items.map(toTransactionDto),
      total,
      limit: params.limit,
      offset: params.offset,
    };
  }

  private async estimate(
    rpcUrl: string,
    from: string,
    payload: { to: string | null; data: string; value: bigint; abi: unknown[] | null },
  ): Promise<bigint> {
    try {
      const estimate = await this.node.estimateGas(rpcUrl, {
        from,
        to: payload.to,
        data: payload.data,
        value: payload.value,
      });
      return gasLimitWithMargin(estimate, DEFAULT_GAS_SETTINGS);
    } catch (error) {
      const data = revertDataOf(error);
      const reverted = data !== undefined || /revert/i.test(String((error as Error)?.message));
      if (!reverted) {
        throw new DomainProblem({
          code: 'node-unavailable',
          status: 503,
          title: 'The network node did not answer',
          detail: 'Gas could not be estimated; retry with the same Idempotency-Key.',
        });
      }
      throw new DomainProblem({
        code: 'transaction-would-revert',
        status: 422,
        title: 'The transaction would revert',
        detail: decodeRevertReason(data ?? null, payload.abi as never),
      });
    }
  }
}
