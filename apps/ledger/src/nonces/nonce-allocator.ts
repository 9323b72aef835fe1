/**
 * Allocates nonces per (network, account) from PostgreSQL. `allocate` runs inside the caller's
 * transaction: the UPDATE takes the row lock until that transaction commits or rolls back, so
 * concurrent allocations queue up and a rolled-back submission gives its nonce back (no gap).
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';

@Injectable()
export class NonceAllocator {
  /** Starts the sequence of a new account at `first` (its on-chain nonce). Idempotent. */
  async open(em: EntityManager, networkId: string, address: string, first: number): Promise<void> {
    await em.execute(
      `insert into ledger.account_nonce (network_id, address, next) values (?, ?, ?)
       on conflict (network_id, address) do nothing`,
      [networkId, address, first],
    );
  }

  /** The next nonce of the account; must run inside a transaction. */
  async allocate(em: EntityManager, networkId: string, address: string): Promise<number> {
    const rows = await em.execute<{ nonce: number }[]>(
      `update ledger.account_nonce set next = next + 1 where network_id = ? and address = ?
       returning next - 1 as nonce`,
      [networkId, address],
    );
    if (rows.length === 0) throw new Error(`no nonce sequence for ${address} on ${networkId}`);
    return Number(rows[0].nonce);
  }

  /**
   * The first of `count` consecutive nonces of the account (one accepted run); must run inside a
   * transaction, like `allocate`.
   */
  async allocateRun(
    em: EntityManager,
    networkId: string,
    address: string,
    count: number,
  ): Promise<number> {
    const rows = await em.execute<{ first: number }[]>(
      `update ledger.account_nonce set next = next + ? where network_id = ? and address = ?
       returning next - ? as first`,
      [count, networkId, address, count],
    );
    if (rows.length === 0) throw new Error(`no nonce sequence for ${address} on ${networkId}`);
    return Number(rows[0].first);
  }

  /**
   * Moves the sequence forward to the chain's confirmed count when the account was used outside
   * the ledger ("nonce too low"); never moves it back. Returns the next nonce.
   */
  async reconcile(
    em: EntityManager,
    networkId: string,
    address: string,
    chainCount: number,
  ): Promise<number> {
    const rows = await em.execute<{ next: number }[]>(
      `update ledger.account_nonce set next = greatest(next, ?) where network_id = ? and address = ?
       returning next`,
      [chainCount, networkId, address],
    );
    return Number(rows[0]?.next ?? chainCount);
  }
}
