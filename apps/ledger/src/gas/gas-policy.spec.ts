import fc from 'fast-check';
import { bumpedFees, DEFAULT_GAS_SETTINGS, gasLimitWithMargin, initialFees } from './gas-policy';

const settings = DEFAULT_GAS_SETTINGS;
const wei = fc.bigInt({ min: 0n, max: 10n ** 12n });

describe('gas policy', () => {
  it('adds the margin to the estimate', () => {
    expect(gasLimitWithMargin(21_000n, settings)).toBe(25_200n);
  });

  it('never offers more than the cap and never a tip above the max fee', () => {
    fc.assert(
      fc.property(fc.option(wei), wei, wei, (baseFeePerGas, gasPrice, maxPriorityFeePerGas) => {
        const offer = initialFees({ baseFeePerGas, gasPrice, maxPriorityFeePerGas }, settings);
        if (offer.type === 'legacy') {
          expect(offer.gasPrice).toBeLessThanOrEqual(settings.maxFeePerGasCap);
        } else {
          expect(offer.maxFeePerGas).toBeLessThanOrEqual(settings.maxFeePerGasCap);
          expect(offer.maxPriorityFeePerGas).toBeLessThanOrEqual(offer.maxFeePerGas);
        }
      }),
    );
  });

  it('prices free-gas networks at zero even when the node suggests a tip', () => {
    const offer = initialFees(
      { baseFeePerGas: 0n, gasPrice: 0n, maxPriorityFeePerGas: 10n ** 9n },
      settings,
    );
    expect(offer).toEqual({ type: 'eip1559', maxFeePerGas: 0n, maxPriorityFeePerGas: 0n });
    expect(
      initialFees({ baseFeePerGas: null, gasPrice: 0n, maxPriorityFeePerGas: 0n }, settings),
    ).toEqual({ type: 'legacy', gasPrice: 0n });
  });

  it('bumps by at least 10% until the cap, then refuses', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: settings.maxFeePerGasCap }), (gasPrice) => {
        const bumped = bumpedFees({ type: 'legacy', gasPrice }, settings);
        if (bumped === null) return;
        expect(bumped.type === 'legacy' && bumped.gasPrice * 10n >= gasPrice * 11n).toBe(true);
        expect(bumped.type === 'legacy' && bumped.gasPrice <= settings.maxFeePerGasCap).toBe(true);
      }),
    );
    expect(bumpedFees({ type: 'legacy', gasPrice: settings.maxFeePerGasCap }, settings)).toBeNull();
  });

  it('replaces a zero-priced attempt (free-gas network) at 1 wei per gas, tip included', () => {
    expect(bumpedFees({ type: 'legacy', gasPrice: 0n }, settings)).toEqual({
      type: 'legacy',
      gasPrice: 1n,
    });
    expect(
      bumpedFees({ type: 'eip1559', maxFeePerGas: 0n, maxPriorityFeePerGas: 0n }, settings),
    ).toEqual({ type: 'eip1559', maxFeePerGas: 1n, maxPriorityFeePerGas: 1n });
  });
});
