/**
 * Replacing a zero-priced attempt on a free-gas network: a node takes a replacement only at a
 * strictly higher price, so the replacement offers 1 wei per gas (gas-policy.ts) — which the
 * account must be able to pay. Free-gas networks often leave accounts at a zero balance, and the
 * node would then refuse the replacement at broadcast, after the API answered; this check answers
 * a 409 problem instead, before anything is signed.
 */
import { DomainProblem } from '@strata/bus';
import type { FeeOffer } from '../../gas/gas-policy';
import type { EvmNode } from '../../node/evm-node';
import type { LedgerTransaction } from '../ledger-transaction.entity';
import { CANCELLATION_GAS } from '../transaction-signer';

const priceOf = (offer: FeeOffer): bigint =>
  offer.type === 'legacy' ? offer.gasPrice : offer.maxFeePerGas;

export async function requireFundsForFreeGasReplacement(
  node: EvmNode,
  rpcUrl: string,
  tx: LedgerTransaction,
  current: FeeOffer,
  replacement: FeeOffer,
  what: 'attempt' | 'cancellation',
): Promise<void> {
  if (priceOf(current) !== 0n) return;
  const cancelling = what === 'cancellation' || (tx.cancelHashes?.length ?? 0) > 0;
  const gas = cancelling ? CANCELLATION_GAS : BigInt(tx.gasLimit);
  const needed = gas * priceOf(replacement) + (cancelling ? 0n : BigInt(tx.value));
  const balance = BigInt(String(await node.send(rpcUrl, 'eth_getBalance', [tx.from, 'latest'])));
  if (balance >= needed) return;
  throw new DomainProblem({
    code: 'free-gas-replacement-unfunded',
    status: 409,
    title: 'The replacement cannot be paid',
    detail:
      `The pending attempt of transaction ${tx.id} is priced at 0 (free-gas network); a node ` +
      `replaces it only at a higher price, ${priceOf(replacement)} wei per gas, which costs ` +
      `${needed} wei that account ${tx.from} does not hold (balance ${balance} wei). Fund the ` +
      `account, or wait for the attempt to be mined.`,
  });
}
