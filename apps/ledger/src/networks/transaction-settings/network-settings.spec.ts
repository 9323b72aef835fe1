import fc from 'fast-check';
import { networkTransactionSettingsSchema } from '@strata/contracts';
import { DEFAULT_GAS_SETTINGS } from '../../gas/gas-policy';
import type { SubmitterSettings } from '../../transactions/submitter-settings';
import { effectiveView, withOverrides } from './network-settings';

const base: SubmitterSettings = {
  pollIntervalMs: 200,
  confirmations: 1,
  feeBumpAfterMs: 30_000,
  maxAttempts: 6,
  gas: DEFAULT_GAS_SETTINGS,
};
const none = { confirmations: null, feeCapWei: null, feeBumpAfterMs: null, maxAttempts: null };
const NETWORK = '00000000-0000-4000-8000-000000000001';

describe('per-network transaction settings', () => {
  it('keeps the ledger-wide settings when the network has no overrides', () => {
    expect(withOverrides(base, undefined)).toBe(base);
    expect(withOverrides(base, none)).toEqual(base);
    expect(effectiveView(NETWORK, base, none).overridden).toEqual([]);
  });

  it("uses the network's confirmations, fee cap, fee-bump timeout and attempts when set", () => {
    const own = { confirmations: 3, feeCapWei: '7000000000', feeBumpAfterMs: 1000, maxAttempts: 2 };
    expect(withOverrides(base, own)).toEqual({
      ...base,
      confirmations: 3,
      feeBumpAfterMs: 1000,
      maxAttempts: 2,
      gas: { ...DEFAULT_GAS_SETTINGS, maxFeePerGasCap: 7_000_000_000n },
    });
    expect(effectiveView(NETWORK, base, own)).toMatchObject({
      confirmations: 3,
      feeCapWei: '7000000000',
      overridden: ['confirmations', 'feeCapWei', 'feeBumpAfterMs', 'maxAttempts'],
    });
  });

  it('accepts exactly the bounded settings and refuses anything else', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            confirmations: fc.integer({ min: -5, max: 2000 }),
            feeBumpAfterMs: fc.integer({ min: 0, max: 4_000_000 }),
            maxAttempts: fc.integer({ min: -1, max: 200 }),
          },
          { requiredKeys: [] },
        ),
        (settings) => {
          const valid =
            (settings.confirmations === undefined ||
              (settings.confirmations >= 1 && settings.confirmations <= 1000)) &&
            (settings.feeBumpAfterMs === undefined ||
              (settings.feeBumpAfterMs >= 100 && settings.feeBumpAfterMs <= 3_600_000)) &&
            (settings.maxAttempts === undefined ||
              (settings.maxAttempts >= 1 && settings.maxAttempts <= 100));
          expect(networkTransactionSettingsSchema.safeParse(settings).success).toBe(valid);
        },
      ),
    );
    expect(networkTransactionSettingsSchema.safeParse({ feeCapWei: '1.5' }).success).toBe(false);
    expect(networkTransactionSettingsSchema.safeParse({ other: 1 }).success).toBe(false);
  });
});
