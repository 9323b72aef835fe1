/**
 * Fails the accepted, never signed transactions of an account its master account froze (or
 * retired) after they were accepted, and gives their nonces back so the account's sequence has
 * no hole: once the account is authorised again its next transaction takes the first released
 * nonce. Runs inside the submitter's signing transaction, so the failure, its event and the
 * nonce release are one commit.
 */
import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { OutboxWriter } from '@strata/bus';
import { Clock } from '@strata/runtime';
import { MasterAccount } from '../master-accounts/master-account.entity';
import { OperationalAccountGuard } from '../master-accounts/operational-account-guard';
import { LedgerTransaction } from './ledger-transaction.entity';
import { recordTransition } from './transitions';

/** Code that starts the failure reason of a transaction refused at signing for a freeze. */
export const ACCOUNT_FROZEN = 'account-frozen';

@Injectable()
export class FrozenAccountRelease {
  constructor(
    private readonly clock: Clock,
    private readonly guard: OperationalAccountGuard,
  ) {}

  /**
   * Why each (network, account) of `txs` may not sign now (keyed `networkId/address`; absent
   * when it may): the master account's `accountStatus` read once per account, right before
   * signing. When the node does not answer the value is the Error: that account is held back
   * (retried on a later pass), it never signs blind, and other accounts are not affected.
   */
  async refusals(
    em: EntityManager,
    txs: LedgerTransaction[],
    rpcUrlOf: (networkId: string) => string | undefined,
  ): Promise<Map<string, string | Error>> {
    const masters = await em.find(MasterAccount, {
      networkId: { $in: [...new Set(txs.map((tx) => tx.networkId))] },
      organisationId: { $in: [...new Set(txs.map((tx) => tx.organisationId))] },
      status: 'deployed',
    });
    const masterOf = new Map(masters.map((m) => [`${m.networkId}/${m.organisationId}`, m.address]));
    const accounts = new Map<string, LedgerTransaction>();
    for (const tx of txs) accounts.set(`${tx.networkId}/${tx.from}`, tx);
    const refusals = new Map<string, string | Error>();
    await Promise.all(
      [...accounts].map(async ([key, tx]) => {
        const master = masterOf.get(`${tx.networkId}/${tx.organisationId}`) ?? null;
        const rpcUrl = rpcUrlOf(tx.networkId);
        if (!master || !rpcUrl) return;
        const refusal = await this.guard
          .refusalOf(rpcUrl, master, tx.from)
          .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
        if (refusal) refusals.set(key, refusal);
      }),
    );
    return refusals;
  }

  /**
   * Fails every accepted transaction of (networkId, account) with `refusal` as the reason and
   * lowers the account's next nonce to the first released one when nothing of the account was
   * allocated above it. Returns the failed transactions.
   */
  async release(
    em: EntityManager,
    outbox: OutboxWriter,
    networkId: string,
    account: string,
    refusal: string,
  ): Promise<LedgerTransaction[]> {
    // The nonce row first: no acceptance of the account can allocate while we release.
    await em.execute(
      `select next from ledger.account_nonce where network_id = ? and address = ? for update`,
      [networkId, account],
    );
    const pending = await em.find(
      LedgerTransaction,
      { networkId, from: account, status: 'accepted' },
      { orderBy: { nonce: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (pending.length === 0) return [];
    const released = pending.map((tx) => tx.nonce).filter((n): n is number => n != null);
    const now = this.clock.now();
    for (const tx of pending) {
      tx.failureReason =
        `${ACCOUNT_FROZEN}: ${refusal}; the transaction was accepted before that and is not ` +
        `signed, its nonce ${tx.nonce ?? '-'} is released.`;
      tx.nonce = null;
      tx.status = 'failed';
      tx.updatedAt = now;
      recordTransition(outbox, tx);
    }
    await em.flush();
    if (released.length > 0) await this.lowerSequence(em, networkId, account, released);
    return pending;
  }

  /**
   * Every accepted transaction of the account is released here, and an account signs in nonce
   * order, so the released nonces are the top of its sequence: the next allocation restarts at
   * the lowest one. The only exception — a transaction re-signed at a fresh nonce after a
   * "nonce too low" while an older one waited — keeps the sequence where it is (never below a
   * nonce still in use).
   */
  private async lowerSequence(
    em: EntityManager,
    networkId: string,
    account: string,
    released: number[],
  ): Promise<void> {
    await em.execute(
      `update ledger.account_nonce set next = greatest(?, coalesce(
         (select max(t.nonce) + 1 from ledger.ledger_transaction t
          where t.network_id = ? and t."from" = ? and t.nonce is not null), 0))
       where network_id = ? and address = ? and next > ?`,
      [Math.min(...released), networkId, account, networkId, account, Math.min(...released)],
    );
  }
}
