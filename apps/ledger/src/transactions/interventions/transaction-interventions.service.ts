/**
 * Speed-up and four-eyes cancellation of a pending or stuck transaction. Both replace it at the
 * same nonce with a higher fee: the replacement is signed and stored here (status `signed`) and
 * broadcast by the submitter loop, like any attempt, so a crash never loses a signed attempt.
 * A cancellation is signed only when a second institution admin of the owning organisation
 * approves; the request and the approval are published through the outbox (audit trail).
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type Actor,
  type ApproveTransactionCancelCommand,
  type LedgerTransaction as LedgerTransactionDto,
  type RequestTransactionCancelCommand,
  type SpeedUpTransactionCommand,
  type TransactionCancellation as TransactionCancellationDto,
  TransactionInterventionTopics as Topics,
  type TransactionStatus,
} from '@strata/contracts';
import { DomainProblem, type OutboxWriter } from '@strata/bus';
import { Clock } from '@strata/runtime';
import { SigningAccount } from '../../accounts/signing-account.entity';
import { bumpedFees, type FeeOffer, type GasSettings, initialFees } from '../../gas/gas-policy';
import type { LedgerNetwork } from '../../networks/ledger-network.entity';
import { networkFor } from '../../networks/network-access';
import { NetworkSettings } from '../../networks/transaction-settings/network-settings';
import { EvmNode } from '../../node/evm-node';
import { LedgerTransaction, toTransactionDto } from '../ledger-transaction.entity';
import { currentOffer, TransactionSigner } from '../transaction-signer';
import { recordTransition } from '../transitions';
import { TransactionCancellation, toCancellationDto } from './transaction-cancellation.entity';
import { requireFundsForFreeGasReplacement } from './free-gas-replacement';

/** A speed-up needs an attempt to replace; a cancellation may also fill a not yet signed nonce. */
const SPEEDABLE: readonly TransactionStatus[] = ['signed', 'submitted', 'stuck'];
const CANCELLABLE: readonly TransactionStatus[] = ['accepted', 'signed', 'submitted', 'stuck'];

const refused = (code: string, status: number, title: string, detail: string) =>
  new DomainProblem({ code, status, title, detail });

interface Target {
  network: LedgerNetwork;
  tx: LedgerTransaction;
  organisationId: string;
}

@Injectable()
export class TransactionInterventionsService {
  constructor(
    private readonly node: EvmNode,
    private readonly signer: TransactionSigner,
    private readonly clock: Clock,
    private readonly networkSettings: NetworkSettings,
  ) {}

  async speedUp(
    em: EntityManager,
    outbox: OutboxWriter,
    command: SpeedUpTransactionCommand,
    actor: Actor | undefined,
  ): Promise<LedgerTransactionDto> {
    const { network, tx } = await this.target(em, command, actor);
    this.requirePending(tx, SPEEDABLE);
    await this.replace(em, outbox, network, tx, 'attempt');
    outbox.add({
      topic: Topics.transactionSpedUp,
      key: tx.id,
      payload: {
        transaction: toTransactionDto(tx),
        by: actor?.username ?? actor?.subject,
        reason: command.request.reason ?? null,
      },
    });
    return toTransactionDto(tx);
  }

  async requestCancel(
    em: EntityManager,
    outbox: OutboxWriter,
    command: RequestTransactionCancelCommand,
    actor: Actor | undefined,
  ): Promise<TransactionCancellationDto> {
    const { tx, organisationId } = await this.target(em, command, actor);
    this.requirePending(tx, CANCELLABLE);
    if (await em.findOne(TransactionCancellation, { transactionId: tx.id })) {
      throw DomainProblem.conflict(`A cancellation of transaction ${tx.id} was already requested.`);
    }
    const record = em.create(TransactionCancellation, {
      id: randomUUID(),
      transactionId: tx.id,
      networkId: tx.networkId,
      organisationId,
      status: 'requested',
      reason: command.request.reason,
      requestedBy: actor as Actor,
      requestedAt: this.clock.now(),
      approvedBy: null,
      approvedAt: null,
    });
    const cancellation = toCancellationDto(record);
    outbox.add({
      topic: Topics.transactionCancelRequested,
      key: tx.id,
      payload: { cancellation, transaction: toTransactionDto(tx) },
    });
    return cancellation;
  }

  async approveCancel(
    em: EntityManager,
    outbox: OutboxWriter,
    command: ApproveTransactionCancelCommand,
    actor: Actor | undefined,
  ): Promise<TransactionCancellationDto> {
    const { network, tx } = await this.target(em, command, actor);
    const record = await em.findOne(
      TransactionCancellation,
      { transactionId: tx.id },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!record) throw DomainProblem.notFound('Cancellation of transaction', tx.id);
    if (record.status !== 'requested') {
      throw DomainProblem.conflict(`The cancellation of ${tx.id} is already approved.`);
    }
    if (record.requestedBy.subject === actor?.subject) {
      throw refused(
        'four-eyes-required',
        403,
        'A second administrator must approve',
        'The administrator who requested the cancellation cannot approve it.',
      );
    }
    this.requirePending(tx, CANCELLABLE);
    await this.replace(em, outbox, network, tx, 'cancellation');
    record.status = 'approved';
    record.approvedBy = actor;
    record.approvedAt = this.clock.now();
    const cancellation = toCancellationDto(record);
    outbox.add({
      topic: Topics.transactionCancelApproved,
      key: tx.id,
      payload: {
        cancellation,
        comment: command.request.comment ?? null,
        transaction: toTransactionDto(tx),
      },
    });
    return cancellation;
  }

  /** The transaction, locked, after checking the caller is an institution admin of its owner. */
  private async target(
    em: EntityManager,
    command: { networkId: string; transactionId: string },
    actor: Actor | undefined,
  ): Promise<Target> {
    const organisationId = actor?.organisationId;
    if (!actor || !organisationId || !actor.roles.includes('institution-admin')) {
      throw DomainProblem.forbidden('Only an institution administrator may intervene.');
    }
    const network = await networkFor(em, command.networkId, organisationId, undefined);
    const tx = await em.findOne(
      LedgerTransaction,
      { id: command.transactionId, networkId: network.id },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!tx) throw DomainProblem.notFound('Transaction', command.transactionId);
    if (tx.organisationId !== organisationId) {
      throw DomainProblem.forbidden('The transaction belongs to another organisation.');
    }
    return { network, tx, organisationId };
  }

  private requirePending(tx: LedgerTransaction, allowed: readonly TransactionStatus[]): void {
    if (allowed.includes(tx.status)) return;
    throw refused(
      'transaction-not-pending',
      409,
      'The transaction cannot be replaced',
      `Transaction ${tx.id} is ${tx.status}; only ${allowed.join(', ')} transactions can be.`,
    );
  }

  /** Signs the replacement at the same nonce with a bumped fee and hands it to the loop. */
  private async replace(
    em: EntityManager,
    outbox: OutboxWriter,
    network: LedgerNetwork,
    tx: LedgerTransaction,
    what: 'attempt' | 'cancellation',
  ): Promise<void> {
    const account = await em.findOneOrFail(SigningAccount, {
      networkId: tx.networkId,
      address: tx.from,
    });
    const { gas } = await this.networkSettings.forNetwork(em, network.id);
    const offer = await this.replacementFees(network.rpcUrl, tx, gas, what);
    const chainId = await this.node.chainId(network.rpcUrl);
    if (what === 'cancellation') {
      await this.signer.signCancellation(tx, account.keyId, chainId, offer);
    } else {
      await this.signer.signAttempt(tx, account.keyId, chainId, offer);
    }
    const now = this.clock.now();
    tx.status = 'signed';
    tx.failureReason = null;
    tx.nextCheckAt = now;
    tx.updatedAt = now;
    recordTransition(outbox, tx);
  }

  private async replacementFees(
    rpcUrl: string,
    tx: LedgerTransaction,
    gas: GasSettings,
    what: 'attempt' | 'cancellation',
  ): Promise<FeeOffer> {
    const offer = currentOffer(tx);
    if (!offer) return initialFees(await this.node.feeData(rpcUrl), gas);
    const bumped = bumpedFees(offer, gas);
    if (!bumped) {
      throw refused(
        'fee-cap-reached',
        409,
        'No room for a higher fee',
        'The fee cap leaves no room for a replacement at the same nonce.',
      );
    }
    await requireFundsForFreeGasReplacement(this.node, rpcUrl, tx, offer, bumped, what);
    return bumped;
  }
}
