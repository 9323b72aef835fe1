/**
 * The submitter and confirmation loops (one signs and broadcasts, one follows receipts, so
 * neither waits for the other). Everything they know is in PostgreSQL, so a restart resumes:
 * - accepted -> signed: signs at the allocated nonce (signed bytes stored before broadcast),
 *   unless the master account froze the account since acceptance (-> failed, nonce released);
 *   a vault that refuses is retried with backoff a bounded number of times, then `stuck` with an
 *   alert (the account's later nonces wait behind it, other accounts do not);
 * - signed -> submitted: broadcasts the stored bytes (a repeat is harmless: same hash);
 * - submitted -> mined -> confirmed | failed: polls receipts of every attempt's hash (anvil's
 *   `tx.wait()` can stall), rebroadcasts a dropped transaction, bumps the fee at the same nonce
 *   after a timeout, and marks it `stuck` with an alert after bounded attempts. Work is per
 *   transaction, so a stuck one never blocks other accounts.
 */
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { OutboxWriter } from '@strata/bus';
import { Clock } from '@strata/runtime';
import { SigningAccount } from '../accounts/signing-account.entity';
import { initialFees } from '../gas/gas-policy';
import { LedgerNetwork } from '../networks/ledger-network.entity';
import { NetworkSettings } from '../networks/transaction-settings/network-settings';
import { EvmNode, type FeeData } from '../node/evm-node';
import { LedgerTransaction } from './ledger-transaction.entity';
import { ReceiptFollower } from './receipt-follower';
import { SUBMITTER_SETTINGS, type SubmitterSettings } from './submitter-settings';
import { TransactionSigner } from './transaction-signer';
import { recordTransition } from './transitions';
import { BroadcastOutcomes } from './broadcast-outcomes';
import { FrozenAccountRelease } from './frozen-account-release';
import { accountKey, byNetworkAndAccount, inOrder, signInOrder } from './signing-order';
import { SubmitterMetrics } from './submitter.metrics';
import { retryAt } from './retry-at';

const BATCH = 200;

/** What a signing pass read from a network's node: its chain id and fees, or its error. */
type NodeReading = { chainId: bigint; fees: FeeData } | Error;

@Injectable()
export class TransactionSubmitter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TransactionSubmitter.name);
  private running = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly orm: MikroORM,
    private readonly node: EvmNode,
    private readonly signer: TransactionSigner,
    private readonly follower: ReceiptFollower,
    private readonly outcomes: BroadcastOutcomes,
    private readonly clock: Clock,
    @Inject(SUBMITTER_SETTINGS) private readonly settings: SubmitterSettings,
    private readonly networkSettings: NetworkSettings,
    private readonly frozen: FrozenAccountRelease,
    private readonly metrics: SubmitterMetrics,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    // Two loops over disjoint statuses (row locks, SKIP LOCKED): following receipts never holds
    // up signing and broadcasting what was just accepted.
    this.loop = Promise.all([
      this.run('submit', async () => (await this.signAccepted()) + (await this.broadcastSigned())),
      this.run('follow', () => this.follower.followPending()),
    ]).then(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(name: string, pass: () => Promise<number>): Promise<void> {
    while (this.running) {
      let worked = 0;
      try {
        worked = await pass();
      } catch (error) {
        this.logger.warn(
          `${name} pass failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (worked === 0) await new Promise((r) => setTimeout(r, this.settings.pollIntervalMs));
    }
  }

  /**
   * Signs a batch of due accepted transactions in one database transaction, isolated per
   * network and per account (signing-order.ts): a node that does not answer, a freeze that
   * cannot be read or a vault error holds back only that network, or that account from the
   * failed nonce on, until a later pass; everything else of the batch is signed.
   */
  async signAccepted(): Promise<number> {
    return this.orm.em.fork().transactional(async (em) => {
      const now = this.clock.now();
      const txs = await em.find(
        LedgerTransaction,
        { status: 'accepted', nextCheckAt: { $lte: now } },
        { orderBy: { nonce: 'asc' }, limit: BATCH, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
      );
      if (txs.length === 0) return 0;
      const outbox = new OutboxWriter(em);
      const context = await this.contextOf(em, txs);
      const lowest = await this.lowestAccepted(em, txs);
      // The freeze reads and each network's chain id and fees all at once: a node that does not
      // answer costs the pass one timeout, not one per network, account or transaction.
      const [refusals, nodes] = await Promise.all([
        this.frozen.refusals(em, txs, (id) => context.networks.get(id)?.rpcUrl),
        this.nodesOf(context.networks, txs),
      ]);
      for (const [key, refusal] of refusals) {
        if (refusal instanceof Error) continue; // unread: held back below
        const [networkId, account] = key.split('/');
        await this.frozen.release(em, outbox, networkId, account, refusal);
      }
      const holdBack = (held: LedgerTransaction[], error: unknown) => {
        this.holdBack(held, error, now);
      };
      const pending = byNetworkAndAccount(txs.filter((tx) => tx.status === 'accepted'));
      let signed = 0;
      for (const [networkId, accounts] of pending) {
        const node = nodes.get(networkId);
        if (node instanceof Error) {
          holdBack([...accounts.values()].flat(), node);
          continue;
        }
        if (!node) continue;
        const { gas, maxAttempts } = context.settings.get(networkId) ?? this.settings;
        for (const [key, account] of accounts) {
          const keyId = context.keys.get(key);
          const unread = refusals.get(key);
          if (unread instanceof Error) holdBack(account, unread);
          if (!keyId || unread instanceof Error) continue;
          if (!inOrder(account, lowest.get(key))) {
            // A lower nonce of the account waits after a failure: these wait with it.
            for (const tx of account) tx.nextCheckAt = retryAt(now, this.settings);
            continue;
          }
          signed += await signInOrder(
            account,
            async (tx) => {
              await this.signer.signAttempt(tx, keyId, node.chainId, initialFees(node.fees, gas));
              this.transition(tx, 'signed', outbox);
            },
            (held, error) => {
              holdBack(held, error);
              // The vault refused this very transaction (those behind it only wait): bounded
              // retries with backoff, then `stuck` with an alert. A speed-up (or an approved
              // cancellation) signs it again once the vault does.
              const reason = `signing failed: ${errorText(error).slice(0, 300)}`;
              this.outcomes.retryOrStick(outbox, held[0], now, reason, maxAttempts);
            },
          );
        }
      }
      return signed + txs.filter((tx) => tx.status === 'failed').length;
    });
  }

  /**
   * Transactions (of one network) a failure keeps accepted: logged, counted, and not due again
   * before the retry delay, so they neither fail every pass nor crowd others out of the batch.
   */
  private holdBack(txs: LedgerTransaction[], error: unknown, now: Date): void {
    const first = txs[0];
    if (!first) return;
    const text = errorText(error);
    this.logger.warn(
      `signing held back ${txs.length} transaction(s) of network ${first.networkId} ` +
        `from ${first.id} (nonce ${first.nonce ?? '-'}): ${text.slice(0, 300)}`,
    );
    this.metrics.failed('sign', first.networkId, txs.length);
    for (const tx of txs) tx.nextCheckAt = retryAt(now, this.settings);
  }

  /** Each network's chain id and current fees, or the Error its node answered with. */
  private async nodesOf(
    networks: Map<string, LedgerNetwork>,
    txs: LedgerTransaction[],
  ): Promise<Map<string, NodeReading>> {
    const ids = [...new Set(txs.map((tx) => tx.networkId))];
    const read = await Promise.all(
      ids.map(async (id): Promise<[string, NodeReading][]> => {
        const rpcUrl = networks.get(id)?.rpcUrl;
        if (!rpcUrl) return [];
        try {
          const [chainId, fees] = await Promise.all([
            this.node.chainId(rpcUrl),
            this.node.feeData(rpcUrl),
          ]);
          return [[id, { chainId, fees }]];
        } catch (error) {
          return [[id, error instanceof Error ? error : new Error(String(error))]];
        }
      }),
    );
    return new Map(read.flat());
  }

  /** The lowest accepted nonce of each account of `txs` (`networkId/address`). */
  private async lowestAccepted(
    em: EntityManager,
    txs: LedgerTransaction[],
  ): Promise<Map<string, number>> {
    const rows = await em.find(
      LedgerTransaction,
      {
        status: 'accepted',
        networkId: { $in: [...new Set(txs.map((tx) => tx.networkId))] },
        from: { $in: [...new Set(txs.map((tx) => tx.from))] },
        nonce: { $ne: null, $lt: Math.max(...txs.map((tx) => tx.nonce ?? 0)) },
      },
      { fields: ['networkId', 'from', 'nonce'], disableIdentityMap: true },
    );
    const lowest = new Map<string, number>();
    for (const row of [...rows, ...txs]) {
      const known = lowest.get(accountKey(row));
      if (row.nonce != null && (known === undefined || row.nonce < known)) {
        lowest.set(accountKey(row), row.nonce);
      }
    }
    return lowest;
  }

  /** Broadcasts signed transactions (stored bytes) and records what the node answered. */
  async broadcastSigned(): Promise<number> {
    return this.orm.em.fork().transactional(async (em) => {
      const txs = await em.find(
        LedgerTransaction,
        { status: 'signed', nextCheckAt: { $lte: this.clock.now() } },
        { orderBy: { nonce: 'asc' }, limit: BATCH, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
      );
      if (txs.length === 0) return 0;
      const outbox = new OutboxWriter(em);
      const networks = await this.networksOf(em, txs);
      const settingsOf = await this.networkSettings.of(em, networks.keys());
      const results = await Promise.all(
        txs.map(async (tx) => {
          const rpcUrl = networks.get(tx.networkId)?.rpcUrl ?? '';
          try {
            await this.node.broadcast(rpcUrl, tx.raw ?? '');
            this.metrics.broadcast(tx.networkId);
            return { tx, error: undefined };
          } catch (error) {
            return { tx, error };
          }
        }),
      );
      // Whether a network's node answers at all (asked once per pass, only after a failed
      // broadcast): a node that is down costs no attempt, its transactions just wait.
      const answering = new Map<string, Promise<boolean>>();
      const answers = (rpcUrl: string): Promise<boolean> => {
        const known = answering.get(rpcUrl);
        if (known) return known;
        const probe = this.node.blockNumber(rpcUrl).then(
          () => true,
          () => false,
        );
        answering.set(rpcUrl, probe);
        return probe;
      };
      for (const { tx, error } of results) {
        const rpcUrl = networks.get(tx.networkId)?.rpcUrl ?? '';
        const maxAttempts = (settingsOf.get(tx.networkId) ?? this.settings).maxAttempts;
        if (error !== undefined && !(await answers(rpcUrl))) {
          this.waitForNode(tx, error);
          continue;
        }
        // Reading the chain to reconcile a "nonce too low" may fail: only this one waits.
        await this.outcomes
          .apply(em, outbox, tx, rpcUrl, error, maxAttempts)
          .catch((failure: unknown) => this.waitForNode(tx, failure));
      }
      return txs.length;
    });
  }

  /** A broadcast outcome that could not be recorded: logged, counted, retried later. */
  private waitForNode(tx: LedgerTransaction, failure: unknown): void {
    const text = failure instanceof Error ? failure.message : JSON.stringify(failure);
    this.logger.warn(`broadcast of ${tx.id} waits for its node: ${text.slice(0, 300)}`);
    this.metrics.failed('broadcast', tx.networkId);
    tx.nextCheckAt = retryAt(this.clock.now(), this.settings);
  }

  private transition(
    tx: LedgerTransaction,
    status: LedgerTransaction['status'],
    outbox: OutboxWriter,
  ): void {
    tx.status = status;
    tx.updatedAt = this.clock.now();
    recordTransition(outbox, tx);
  }

  private async networksOf(
    em: EntityManager,
    txs: LedgerTransaction[],
  ): Promise<Map<string, LedgerNetwork>> {
    const ids = [...new Set(txs.map((tx) => tx.networkId))];
    const networks = await em.find(LedgerNetwork, { id: { $in: ids } });
    return new Map(networks.map((n) => [n.id, n]));
  }

  private async contextOf(em: EntityManager, txs: LedgerTransaction[]) {
    const networks = await this.networksOf(em, txs);
    const accounts = await em.find(SigningAccount, {
      networkId: { $in: [...networks.keys()] },
      address: { $in: [...new Set(txs.map((tx) => tx.from))] },
    });
    const keys = new Map(accounts.map((a) => [`${a.networkId}/${a.address}`, a.keyId]));
    const settings = await this.networkSettings.of(em, networks.keys());
    return { networks, keys, settings };
  }
}

const errorText = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
