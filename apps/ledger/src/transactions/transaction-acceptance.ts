/**
 * Acceptance of `submit-transaction` commands, a run at a time (docs/adr/0015). First every command is checked without writing anything: the caller may use the account,
 * the account is not frozen by its master account, the payload encodes, gas is estimated (a
 * would-be revert is a 422 with its reason, before anything is signed or stored). Then the run's
 * accepted commands of one account get consecutive nonces from one `UPDATE` and are stored
 * `accepted`; the submitter takes it from there. A command the checks reject wrote nothing, so
 * it gives no nonce back: the accepted ones stay gap-free.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type {
  Actor,
  LedgerTransaction as LedgerTransactionDto,
  SubmitTransactionCommand,
} from '@strata/contracts';
import { DomainProblem, type OutboxWriter, type RunCommand, type RunOutcome } from '@strata/bus';
import { Clock } from '@strata/runtime';
import { DEFAULT_GAS_SETTINGS, gasLimitWithMargin } from '../gas/gas-policy';
import { OperationalAccountGuard } from '../master-accounts/operational-account-guard';
import { EvmNode } from '../node/evm-node';
import { NonceAllocator } from '../nonces/nonce-allocator';
import { type AcceptanceContext, acceptanceContext } from './acceptance-context';
import { LedgerTransaction, toTransactionDto } from './ledger-transaction.entity';
import { decodeRevertReason, revertDataOf } from './revert-reason';
import { encodePayload, type EncodedPayload } from './transaction-payload';
import { recordTransition } from './transitions';

const SUBMITTER_ROLES = ['institution-admin', 'operator'] as const;

/** What acceptance uses of a command (a run's, or one accepted on behalf of another service). */
type Command = Pick<RunCommand<SubmitTransactionCommand>, 'payload' | 'actor' | 'outbox'>;

/** A command that passed every check, ready for its nonce. */
interface Checked {
  command: Command;
  organisationId: string;
  context: AcceptanceContext;
  payload: EncodedPayload;
  gasLimit: bigint;
}

/** Reads and node calls shared by the commands of one run (same account, same transfer shape). */
class RunMemo {
  private readonly entries = new Map<string, Promise<unknown>>();

  once<T>(key: string, load: () => Promise<T>): Promise<T> {
    const known = this.entries.get(key);
    if (known) return known as Promise<T>;
    const loaded = load();
    this.entries.set(key, loaded);
    return loaded;
  }
}

@Injectable()
export class TransactionAcceptance {
  constructor(
    private readonly node: EvmNode,
    private readonly nonces: NonceAllocator,
    private readonly clock: Clock,
    private readonly accountGuard: OperationalAccountGuard,
  ) {}

  /** One command inside the caller's transaction; its problem is thrown. */
  async accept(
    em: EntityManager,
    outbox: OutboxWriter,
    command: SubmitTransactionCommand,
    actor: Actor | undefined,
  ): Promise<LedgerTransactionDto> {
    const [outcome] = await this.acceptRun(em, [{ payload: command, actor, outbox }]);
    if (!outcome.ok) throw outcome.problem;
    return outcome.result;
  }

  async acceptRun(
    em: EntityManager,
    commands: Command[],
  ): Promise<RunOutcome<LedgerTransactionDto>[]> {
    const memo = new RunMemo();
    const checks = await Promise.all(
      commands.map((command) =>
        this.check(em, command, memo).then(
          (checked): Checked | DomainProblem => checked,
          (error: unknown) => {
            if (error instanceof DomainProblem) return error;
            throw error;
          },
        ),
      ),
    );
    const accepted = checks.filter((c): c is Checked => !(c instanceof DomainProblem));
    const stored = await this.store(em, accepted);
    return checks.map((check) =>
      check instanceof DomainProblem
        ? { ok: false, problem: check }
        : { ok: true, result: stored.get(check) as LedgerTransactionDto },
    );
  }

  /** Every check of one command; reads only (a DomainProblem rejects this command alone). */
  private async check(em: EntityManager, command: Command, memo: RunMemo): Promise<Checked> {
    const { actor, payload: body } = command;
    const organisationId = actor?.organisationId;
    if (!actor || !organisationId || !SUBMITTER_ROLES.some((r) => actor.roles.includes(r))) {
      throw DomainProblem.forbidden('Only an institution administrator or operator may submit.');
    }
    const request = body.transaction;
    const contextKey = `${body.networkId}|${organisationId}|${request.from.toLowerCase()}`;
    const context = await memo.once(`context|${contextKey}`, () =>
      acceptanceContext(em, body.networkId, organisationId, request.from),
    );
    const { network, account, masterAccount } = context;
    await memo.once(`frozen|${contextKey}`, () =>
      this.accountGuard.requireNotFrozen(network.rpcUrl, masterAccount, account),
    );
    const payload = encodePayload(request);
    const shape = JSON.stringify([
      network.rpcUrl,
      account,
      payload.to,
      payload.data,
      `${payload.value}`,
    ]);
    const gasLimit = request.gasLimit
      ? BigInt(request.gasLimit)
      : await memo.once(`gas|${shape}`, () => this.estimate(network.rpcUrl, account, payload));
    return { command, organisationId, context, payload, gasLimit };
  }

  /** Consecutive nonces per account (one UPDATE each) and the stored `accepted` rows. */
  private async store(
    em: EntityManager,
    accepted: Checked[],
  ): Promise<Map<Checked, LedgerTransactionDto>> {
    const byAccount = new Map<string, Checked[]>();
    for (const checked of accepted) {
      const key = `${checked.context.network.id}|${checked.context.account}`;
      byAccount.set(key, [...(byAccount.get(key) ?? []), checked]);
    }
    const stored = new Map<Checked, LedgerTransactionDto>();
    for (const run of byAccount.values()) {
      const { network, account } = run[0].context;
      const first = await this.nonces.allocateRun(em, network.id, account, run.length);
      run.forEach((checked, i) => stored.set(checked, this.create(em, checked, first + i)));
    }
    return stored;
  }

  private create(em: EntityManager, checked: Checked, nonce: number): LedgerTransactionDto {
    const { command, organisationId, context, payload, gasLimit } = checked;
    const now = this.clock.now();
    const tx = em.create(LedgerTransaction, {
      id: randomUUID(),
      networkId: context.network.id,
      organisationId,
      requestedBy: command.actor as NonNullable<Command['actor']>,
      kind: command.payload.transaction.kind,
      from: context.account,
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
    recordTransition(command.outbox, tx);
    return toTransactionDto(tx);
  }

  private async estimate(rpcUrl: string, from: string, payload: EncodedPayload): Promise<bigint> {
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
