/** A ledger transaction as the gateway receives it, for unit tests (override what matters). */
import type { LedgerTransaction } from '@strata/contracts';

export function ledgerTransaction(overrides: Partial<LedgerTransaction> = {}): LedgerTransaction {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    networkId: '00000000-0000-4000-8000-000000000002',
    organisationId: '00000000-0000-4000-8000-000000000003',
    kind: 'transfer',
    from: '0x0000000000000000000000000000000000000001',
    to: '0x0000000000000000000000000000000000000002',
    value: '1',
    nonce: 0,
    gasLimit: '21000',
    status: 'confirmed',
    hash: null,
    attempts: 1,
    blockNumber: null,
    contractAddress: null,
    failureReason: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}
