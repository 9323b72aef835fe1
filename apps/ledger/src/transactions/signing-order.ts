/**
 * Failure isolation of the signing pass: which accepted transactions of a pass may sign, and
 * which a failure holds back. Work is grouped per network (one unreachable node holds back only
 * its own network) and, within it, per account in nonce order: a transaction is signed only
 * when no lower nonce of its account is still waiting outside the pass, and a failed signing of
 * nonce n holds back n+1.. of the same account only.
 */
import type { LedgerTransaction } from './ledger-transaction.entity';

export const accountKey = (tx: Pick<LedgerTransaction, 'networkId' | 'from'>): string =>
  `${tx.networkId}/${tx.from}`;

/** The pass's transactions by network, then by account in ascending nonce order. */
export function byNetworkAndAccount(
  txs: LedgerTransaction[],
): Map<string, Map<string, LedgerTransaction[]>> {
  const networks = new Map<string, Map<string, LedgerTransaction[]>>();
  for (const tx of [...txs].sort((a, b) => (a.nonce ?? 0) - (b.nonce ?? 0))) {
    const accounts = networks.get(tx.networkId) ?? new Map<string, LedgerTransaction[]>();
    networks.set(tx.networkId, accounts);
    accounts.set(accountKey(tx), [...(accounts.get(accountKey(tx)) ?? []), tx]);
  }
  return networks;
}

/**
 * Whether an account's transactions of this pass may sign: its lowest nonce still accepted
 * (`lowestAccepted`, read from the database) must be the first one of the pass. Otherwise a
 * lower nonce waits after a failure (or in another pass) and signing above it would be out of
 * order.
 */
export function inOrder(account: LedgerTransaction[], lowestAccepted: number | undefined): boolean {
  const first = account[0]?.nonce;
  return first != null && (lowestAccepted === undefined || lowestAccepted >= first);
}

/**
 * Signs `account`'s transactions in nonce order with `sign`; at the first failure that
 * transaction and every later one of the account are handed to `holdBack` (with the error) and
 * not signed. Returns how many were signed.
 */
export async function signInOrder(
  account: LedgerTransaction[],
  sign: (tx: LedgerTransaction) => Promise<void>,
  holdBack: (txs: LedgerTransaction[], error: unknown) => void,
): Promise<number> {
  for (const [i, tx] of account.entries()) {
    try {
      await sign(tx);
    } catch (error) {
      holdBack(account.slice(i), error);
      return i;
    }
  }
  return account.length;
}
