/**
 * Gas pricing of a network: the gas limit with a safety margin, EIP-1559 or legacy fees with
 * a per-network cap, free-gas networks (Besu with zero base fee / gas price 0), and the fee bump
 * of a replacement (at least +10% as nodes require for the same nonce, never over the cap; 1 wei
 * when the current price is zero).
 */
import type { FeeData } from '../node/evm-node';

export interface GasSettings {
  /** Percent added to the estimate, e.g. 20. */
  marginPercent: number;
  /** Highest fee per gas the ledger ever offers (wei). */
  maxFeePerGasCap: bigint;
  /** Percent of each fee bump (>= 10). */
  bumpPercent: number;
}

export type FeeOffer =
  | { type: 'eip1559'; maxFeePerGas: bigint; maxPriorityFeePerGas: bigint }
  | { type: 'legacy'; gasPrice: bigint };

export const DEFAULT_GAS_SETTINGS: GasSettings = {
  marginPercent: 20,
  maxFeePerGasCap: 500_000_000_000n,
  bumpPercent: 20,
};

export function gasLimitWithMargin(estimate: bigint, settings: GasSettings): bigint {
  return estimate + (estimate * BigInt(settings.marginPercent) + 99n) / 100n;
}

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

export function initialFees(fees: FeeData, settings: GasSettings): FeeOffer {
  if (isFreeGas(fees)) {
    // A node may still suggest a tip (anvil does); nothing is owed, so nothing is offered.
    return fees.baseFeePerGas === null
      ? { type: 'legacy', gasPrice: 0n }
      : { type: 'eip1559', maxFeePerGas: 0n, maxPriorityFeePerGas: 0n };
  }
  if (fees.baseFeePerGas === null) {
    return { type: 'legacy', gasPrice: min(fees.gasPrice, settings.maxFeePerGasCap) };
  }
  const tip = min(fees.maxPriorityFeePerGas, settings.maxFeePerGasCap);
  // Room for the base fee to double twice before the transaction stops being includable.
  const maxFeePerGas = min(fees.baseFeePerGas * 2n + tip, settings.maxFeePerGasCap);
  return { type: 'eip1559', maxFeePerGas, maxPriorityFeePerGas: min(tip, maxFeePerGas) };
}

/**
 * What a replacement of a zero-priced attempt (free-gas network) offers per gas: nodes replace a
 * pending transaction only for a strictly higher price (geth, anvil and Besu alike compare with
 * the old price, and a percentage of 0 is 0), so the smallest valid bump of 0 is 1 wei.
 */
export const FREE_GAS_REPLACEMENT_FEE = 1n;

/** The replacement's fees, or null when the cap leaves no room for a valid bump. */
export function bumpedFees(current: FeeOffer, settings: GasSettings): FeeOffer | null {
  const bump = (value: bigint): bigint =>
    value === 0n
      ? FREE_GAS_REPLACEMENT_FEE
      : value + (value * BigInt(settings.bumpPercent) + 99n) / 100n;
  if (current.type === 'legacy') {
    const gasPrice = bump(current.gasPrice);
    if (gasPrice === current.gasPrice || gasPrice > settings.maxFeePerGasCap) return null;
    return { type: 'legacy', gasPrice };
  }
  const maxFeePerGas = bump(current.maxFeePerGas);
  if (maxFeePerGas === current.maxFeePerGas || maxFeePerGas > settings.maxFeePerGasCap) return null;
  return {
    type: 'eip1559',
    maxFeePerGas,
    maxPriorityFeePerGas: min(bump(current.maxPriorityFeePerGas), maxFeePerGas),
  };
}

/** Free-gas networks (Besu with zero base fee / gas price 0): the node prices gas at zero. */
export function isFreeGas(fees: FeeData): boolean {
  return fees.gasPrice === 0n && (fees.baseFeePerGas === null || fees.baseFeePerGas === 0n);
}
