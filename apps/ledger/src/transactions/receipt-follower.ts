/**
 * Follows submitted and mined transactions: receipts of every attempt (a fee bump may lose to
 * the original), confirmations, revert reasons of failed ones, rebroadcast of dropped ones, fee
 * bumps after the timeout, `stuck` after bounded attempts, and back to `submitted` when the
 * block of a mined transaction was reorganised away.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { OutboxWriter } from '@strata/bus';
import { Clock } from '@strata/runtime';
import { SigningAccount } from '../accounts/signing-account.entity';
import { bumpedFees } from '../gas/gas-policy';
import { LedgerNetwork } from '../networks/ledger-network.entity';
import { NetworkSettings } from '../networks/transaction-settings/network-settings';
import { EvmNode, type ReceiptView } from '../node/evm-node';
import { BroadcastOutcomes } from './broadcast-outcomes';
import type { LedgerTransaction as Tx } from './ledger-transaction.entity';
import { LedgerTransaction } from './ledger-transaction.entity';
import { decodeRevertReason } from './revert-reason';
import { SUBMITTER_SETTINGS, type SubmitterSettings } from './submitter-settings';
import { currentOffer, TransactionSigner } from './transaction-signer';
import { recordTransition } from './transitions';
import { SubmitterMetrics } from './submitter.metrics';
import { retryAt } from './retry-at';

const BATCH = 500;

@Injectable()
export class ReceiptFollower {
  private readonly logger = new Logger(ReceiptFollower.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly node: EvmNode,
    private readonly signer: TransactionSigner,
    private readonly outcomes: BroadcastOutcomes,
    private readonly clock: Clock,
    @Inject(SUBMITTER_SETTINGS) private readonly settings: SubmitterSettings,
    private readonly networkSettings: NetworkSettings,
    private readonly metrics: SubmitterMetrics,
  ) {}

  /** One pass over due transactions; returns how many changed status. */
  async followPending(): Promise<number> {
    return this.orm.em.fork().transactional(async (em) => {
      const now = this.clock.now();
      const txs = await em.find(
        LedgerTransaction,
        { status: { $in: ['submitted', 'mined'] }, nextCheckAt: { $lte: now } },
        {
          orderBy: { nextCheckAt: 'asc' },
          limit: BATCH,
          lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE,
        },
      );
      if (txs.length === 0) return 0;
      const outbox = new OutboxWriter(em);
      const networks = new Map(
        (
          await em.find(LedgerNetwork, { id: { $in: [...new Set(txs.map((t) => t.networkId))] } })
        ).map((n) => [n.id, n]),
      );
      const settingsOf = await this.networkSettings.of(em, networks.keys());
      const heads = new Map<string, Promise<number>>();
      const headOf = (rpcUrl: string): Promise<number> => {
        if (!heads.has(rpcUrl)) heads.set(rpcUrl, this.node.blockNumber(rpcUrl));
        return heads.get(rpcUrl) as Promise<number>;
      };
      const receipts = await this.receiptsOf(txs, networks);
      const changed = await Promise.all(
        txs.map(async (tx) => {
          const rpcUrl = networks.get(tx.networkId)?.rpcUrl;
          if (!rpcUrl) return false;
          const before = tx.status;
          try {
            const settings = settingsOf.get(tx.networkId) ?? this.settings;
            const receipt = receiptAmong(tx, receipts.get(rpcUrl));
            await this.follow(em, outbox, tx, rpcUrl, receipt, headOf, now, settings);
          } catch (error) {
            // Only this transaction waits (its node did not answer, or its fee bump could not
            // be signed); the rest of the pass is recorded.
            const text = error instanceof Error ? error.message : String(error);
            this.logger.warn(`following ${tx.id} failed: ${text.slice(0, 300)}`);
            this.metrics.failed('follow', tx.networkId);
            tx.nextCheckAt = retryAt(now, this.settings);
          }
          return tx.status !== before;
        }),
      );
      return changed.filter(Boolean).length;
    });
  }

  private async follow(
    em: EntityManager,
    outbox: OutboxWriter,
    tx: Tx,
    rpcUrl: string,
    receipt: ReceiptView | null,
    headOf: (rpcUrl: string) => Promise<number>,
    now: Date,
    settings: SubmitterSettings,
  ): Promise<void> {
    tx.nextCheckAt = new Date(now.getTime() + this.settings.pollIntervalMs);
    if (tx.status === 'mined' && (!receipt || receipt.blockHash !== tx.blockHash)) {
      // Reorganised away: follow it again from the pool.
      tx.blockNumber = null;
      tx.blockHash = null;
      this.transition(outbox, tx, 'submitted', now);
      tx.broadcastAt = now;
    }
    if (!receipt) {
      if (tx.status === 'submitted') await this.keepAlive(em, outbox, tx, rpcUrl, now, settings);
      return;
    }
    if (tx.status === 'submitted') {
      tx.hash = receipt.hash;
      tx.blockNumber = receipt.blockNumber;
      tx.blockHash = receipt.blockHash;
      tx.contractAddress = receipt.contractAddress;
      if (tx.cancelHashes?.includes(receipt.hash)) {
        // The approved cancellation took the nonce: the original can never be mined now.
        this.transition(outbox, tx, 'cancelled', now);
        return;
      }
      if (receipt.status === 0) {
        // Read before any transition: if the node does not answer, the transaction is still
        // `submitted` next pass (a `mined` one would be confirmed without its failure).
        const data = await this.node.revertData(
          rpcUrl,
          {
            from: tx.from,
            to: tx.to,
            data: tx.data,
            value: BigInt(tx.value),
            gasLimit: BigInt(tx.gasLimit),
          },
          receipt.blockNumber,
        );
        this.transition(outbox, tx, 'mined', now);
        tx.failureReason = decodeRevertReason(data, tx.abi as never);
        this.transition(outbox, tx, 'failed', now);
        return;
      }
      this.transition(outbox, tx, 'mined', now);
    }
    if ((await headOf(rpcUrl)) - receipt.blockNumber + 1 >= settings.confirmations) {
      this.transition(outbox, tx, 'confirmed', now);
    }
  }

  /**
   * The receipts of every attempt of the pass's transactions, one JSON-RPC batch per network
   * instead of one request per hash. A network whose node did not answer is left out (its
   * transactions are checked again later).
   */
  private async receiptsOf(
    txs: Tx[],
    networks: Map<string, LedgerNetwork>,
  ): Promise<Map<string, Map<string, ReceiptView | null | Error>>> {
    const hashesByNode = new Map<string, string[]>();
    for (const tx of txs) {
      const rpcUrl = networks.get(tx.networkId)?.rpcUrl;
      if (!rpcUrl) continue;
      hashesByNode.set(rpcUrl, [...(hashesByNode.get(rpcUrl) ?? []), ...attemptHashes(tx)]);
    }
    const byNode = new Map<string, Map<string, ReceiptView | null | Error>>();
    await Promise.all(
      [...hashesByNode].map(async ([rpcUrl, hashes]) => {
        const answers = await this.node.receipts(rpcUrl, hashes).catch(() => undefined);
        if (answers) byNode.set(rpcUrl, new Map(hashes.map((hash, i) => [hash, answers[i]])));
      }),
    );
    return byNode;
  }

  /** Not mined yet: bump the fee after the timeout, else rebroadcast if the node forgot it. */
  private async keepAlive(
    em: EntityManager,
    outbox: OutboxWriter,
    tx: Tx,
    rpcUrl: string,
    now: Date,
    settings: SubmitterSettings,
  ): Promise<void> {
    const waited = now.getTime() - (tx.broadcastAt?.getTime() ?? now.getTime());
    if (waited >= settings.feeBumpAfterMs) {
      const offer = currentOffer(tx);
      const bumped = offer && bumpedFees(offer, settings.gas);
      if (!bumped || tx.attempts >= settings.maxAttempts) {
        this.outcomes.stick(outbox, tx, now, `not mined after ${tx.attempts} attempts`);
        return;
      }
      const account = await em.findOneOrFail(SigningAccount, {
        networkId: tx.networkId,
        address: tx.from,
      });
      await this.signer.signAttempt(tx, account.keyId, await this.node.chainId(rpcUrl), bumped);
      tx.broadcastAt = now;
      await this.node.broadcast(rpcUrl, tx.raw ?? '').catch(() => undefined);
      return;
    }
    if (tx.hash && !(await this.node.isKnown(rpcUrl, tx.hash))) {
      await this.node.broadcast(rpcUrl, tx.raw ?? '').catch(() => undefined);
    }
  }

  private transition(outbox: OutboxWriter, tx: Tx, status: Tx['status'], now: Date): void {
    tx.status = status;
    tx.updatedAt = now;
    recordTransition(outbox, tx);
  }
}

function attemptHashes(tx: Tx): string[] {
  return [...(tx.hash ? [tx.hash] : []), ...tx.previousHashes];
}

/** The mined attempt of `tx` among the fetched receipts; throws when one could not be read. */
function receiptAmong(
  tx: Tx,
  receipts: Map<string, ReceiptView | null | Error> | undefined,
): ReceiptView | null {
  if (!receipts) throw new Error('the node did not answer the receipts batch');
  const answers = attemptHashes(tx).map((hash) => receipts.get(hash) ?? null);
  const mined = answers.find(
    (answer): answer is ReceiptView => answer !== null && !(answer instanceof Error),
  );
  if (mined) return mined;
  const failed = answers.find((answer) => answer instanceof Error);
  if (failed) throw failed;
  return null;
}
