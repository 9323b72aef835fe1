/**
 * What a broadcast's answer means for the transaction: accepted or "already known" ->
 * submitted; "nonce too low" -> reconciled against the chain (an earlier attempt was mined, or
 * the account was used outside the ledger and the transaction gets a fresh nonce); any other
 * error -> retried later, up to the bound, then `stuck` with an alert.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LedgerTransactionTopics } from '@strata/contracts';
import type { OutboxWriter } from '@strata/bus';
import { Clock } from '@strata/runtime';
import { EvmNode } from '../node/evm-node';
import { NonceAllocator } from '../nonces/nonce-allocator';
import { type LedgerTransaction, toTransactionDto } from './ledger-transaction.entity';
import { SUBMITTER_SETTINGS, type SubmitterSettings } from './submitter-settings';
import { recordTransition } from './transitions';

const message = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).toLowerCase();

@Injectable()
export class BroadcastOutcomes {
  private readonly logger = new Logger(BroadcastOutcomes.name);

  constructor(
    private readonly node: EvmNode,
    private readonly nonces: NonceAllocator,
    private readonly clock: Clock,
    @Inject(SUBMITTER_SETTINGS) private readonly settings: SubmitterSettings,
  ) {}

  async apply(
    em: EntityManager,
    outbox: OutboxWriter,
    tx: LedgerTransaction,
    rpcUrl: string,
    error: unknown,
    maxAttempts = this.settings.maxAttempts,
  ): Promise<void> {
    const now = this.clock.now();
    const text = error === undefined ? '' : message(error);
    if (
      error === undefined ||
      text.includes('already known') ||
      text.includes('already imported')
    ) {
      this.submitted(outbox, tx, now);
      return;
    }
    if (text.includes('nonce too low') || text.includes('nonce is too low')) {
      await this.reconcileNonce(em, outbox, tx, rpcUrl, now);
      return;
    }
    this.logger.warn(`broadcast of ${tx.id} failed: ${text.slice(0, 200)}`);
    this.retryOrStick(outbox, tx, now, `broadcast failed: ${text.slice(0, 300)}`, maxAttempts);
  }

  /** Bounded retries: the next check later, or `stuck` with an alert once the bound is hit. */
  retryOrStick(
    outbox: OutboxWriter,
    tx: LedgerTransaction,
    now: Date,
    reason: string,
    maxAttempts = this.settings.maxAttempts,
  ): void {
    tx.attempts += 1;
    if (tx.attempts >= maxAttempts) {
      this.stick(outbox, tx, now, reason);
      return;
    }
    tx.nextCheckAt = new Date(now.getTime() + this.settings.pollIntervalMs * 2 ** tx.attempts);
    tx.updatedAt = now;
  }

  stick(outbox: OutboxWriter, tx: LedgerTransaction, now: Date, reason: string): void {
    tx.status = 'stuck';
    tx.failureReason = reason;
    tx.updatedAt = now;
    recordTransition(outbox, tx);
    outbox.add({
      topic: LedgerTransactionTopics.transactionAlert,
      key: tx.id,
      payload: { alert: 'transaction-stuck', reason, transaction: toTransactionDto(tx) },
    });
  }

  private submitted(outbox: OutboxWriter, tx: LedgerTransaction, now: Date): void {
    const first = tx.status !== 'submitted';
    tx.status = 'submitted';
    tx.broadcastAt = now;
    tx.nextCheckAt = new Date(now.getTime() + this.settings.pollIntervalMs);
    tx.updatedAt = now;
    if (first) recordTransition(outbox, tx);
  }

  private async reconcileNonce(
    em: EntityManager,
    outbox: OutboxWriter,
    tx: LedgerTransaction,
    rpcUrl: string,
    now: Date,
  ): Promise<void> {
    const hashes = [...tx.previousHashes, ...(tx.hash ? [tx.hash] : [])];
    const receipts = await Promise.all(hashes.map((hash) => this.node.receipt(rpcUrl, hash)));
    if (receipts.some((receipt) => receipt !== null)) {
      // One of our attempts is already mined: the follower records it.
      this.submitted(outbox, tx, now);
      return;
    }
    if (tx.cancelHashes?.length) {
      // Cancelled and its nonce taken outside the ledger: nothing of it can be mined any more.
      tx.status = 'cancelled';
      tx.updatedAt = now;
      recordTransition(outbox, tx);
      return;
    }
    const minedCount = await this.node.minedCount(rpcUrl, tx.from);
    await this.nonces.reconcile(em, tx.networkId, tx.from, minedCount);
    const nonce = await this.nonces.allocate(em, tx.networkId, tx.from);
    this.logger.warn(
      `nonce ${tx.nonce} of ${tx.from} was used outside the ledger; ${tx.id} moves to ${nonce}`,
    );
    tx.nonce = nonce;
    tx.status = 'accepted';
    tx.raw = null;
    tx.hash = null;
    tx.previousHashes = [];
    tx.nextCheckAt = now;
    tx.updatedAt = now;
  }
}
