/**
 * The submitter and confirmation loops (one signs and broadcasts, one follows receipts, so
 * neither waits for the other). Everything they know is in PostgreSQL, so a restart resumes:
 * - accepted -> signed: signs at the allocated nonce (signed bytes stored before broadcast),
 *   unless the master account froze the account since acceptance (-> failed, nonce released);
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
import { EvmNode } from '../node/evm-node';
import { LedgerTransaction } from './ledger-transaction.entity';
import { ReceiptFollower } from './receipt-follower';
import { SUBMITTER_SETTINGS, type SubmitterSettings } from './submitter-settings';
import { TransactionSigner } from './transaction-signer';
import { recordTransition } from './transitions';
import { BroadcastOutcomes } from './broadcast-outcomes';
import { FrozenAccountRelease } from './frozen-account-release';

const BATCH = 200;

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

  /** Signs a batch of accepted transactions in one database transaction. */
  async signAccepted(): Promise<number> {
    return this.orm.em.fork().transactional(async (em) => {
      const txs = await em.find(
        LedgerTransaction,
        { status: 'accepted' },
        { orderBy: { nonce: 'asc' }, limit: BATCH, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
      );
      if (txs.length === 0) return 0;
      const outbox = new OutboxWriter(em);
      const context = await this.contextOf(em, txs);
      const refusals = await this.frozen.refusals(
        em,
        txs,
        (id) => context.networks.get(id)?.rpcUrl,
      );
      for (const [key, refusal] of refusals) {
        const [networkId, account] = key.split('/');
        await this.frozen.release(em, outbox, networkId, account, refusal);
      }
      for (const tx of txs) {
        if (tx.status !== 'accepted') continue; // failed above: its account is frozen
        const network = context.networks.get(tx.networkId);
        const keyId = context.keys.get(`${tx.networkId}/${tx.from}`);
        if (!network || !keyId) continue;
        const [chainId, fees] = await Promise.all([
          this.node.chainId(network.rpcUrl),
          context.fees(network.rpcUrl),
        ]);
        const gas = (context.settings.get(tx.networkId) ?? this.settings).gas;
        await this.signer.signAttempt(tx, keyId, chainId, initialFees(fees, gas));
        this.transition(tx, 'signed', outbox);
      }
      return txs.length;
    });
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
            return { tx, error: undefined };
          } catch (error) {
            return { tx, error };
          }
        }),
      );
      for (const { tx, error } of results) {
        const rpcUrl = networks.get(tx.networkId)?.rpcUrl ?? '';
        const maxAttempts = (settingsOf.get(tx.networkId) ?? this.settings).maxAttempts;
        await this.outcomes.apply(em, outbox, tx, rpcUrl, error, maxAttempts);
      }
      return txs.length;
    });
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
    const feeCache = new Map<string, ReturnType<EvmNode['feeData']>>();
    const fees = (rpcUrl: string) => {
      const known = feeCache.get(rpcUrl);
      if (known) return known;
      const fetched = this.node.feeData(rpcUrl);
      feeCache.set(rpcUrl, fetched);
      return fetched;
    };
    const settings = await this.networkSettings.of(em, networks.keys());
    return { networks, keys, fees, settings };
  }
}
