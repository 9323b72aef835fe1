/** The SDK model of a transaction becomes the contract type the page uses, for every status. */
import fc from 'fast-check';
import { TRANSACTION_STATUSES, transactionSchema } from '@strata/contracts';
import { LedgerTransactionFromJSON } from '@strata/sdk';
import { REPLACEABLE_STATUSES, toLedgerTransaction, transactionOf } from './transactions-api';

const transaction = {
  id: '5b2f6f0e-8a37-4b53-9a55-6c2f4d8b1a10',
  networkId: '0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5',
  organisationId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  kind: 'transfer',
  from: `0x${'1'.repeat(40)}`,
  to: `0x${'2'.repeat(40)}`,
  value: '5',
  nonce: 3,
  gasLimit: '21000',
  status: 'submitted',
  hash: `0x${'a'.repeat(64)}`,
  attempts: 2,
  blockNumber: null,
  contractAddress: null,
  failureReason: null,
  cancellation: null,
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:01:00.000Z',
};

describe('transactions API model', () => {
  it('maps a transaction from the SDK back to its contract shape, whatever its status', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TRANSACTION_STATUSES), (status) => {
        const json = { ...transaction, status };
        expect(
          transactionSchema.parse(toLedgerTransaction(LedgerTransactionFromJSON(json))),
        ).toEqual(json);
      }),
    );
  });

  it('keeps the cancellation asked for, so the panel knows whether one waits for approval', () => {
    const cancellation = {
      status: 'requested',
      requestedBy: 'alice',
      requestedAt: '2026-11-23T10:02:00.000Z',
      approvedBy: null,
      approvedAt: null,
    };
    const json = { ...transaction, cancellation };
    expect(transactionSchema.parse(toLedgerTransaction(LedgerTransactionFromJSON(json)))).toEqual(
      json,
    );
    const approved = {
      ...cancellation,
      status: 'approved',
      approvedBy: 'bob',
      approvedAt: '2026-11-23T10:03:00.000Z',
    };
    expect(
      toLedgerTransaction(LedgerTransactionFromJSON({ ...transaction, cancellation: approved }))
        .cancellation,
    ).toEqual(approved);
  });

  it('offers interventions only while the nonce is not settled', () => {
    expect([...REPLACEABLE_STATUSES].sort()).toEqual(['accepted', 'signed', 'stuck', 'submitted']);
  });
});

describe('a transaction status stream frame', () => {
  it('carries the transaction as the list shows it', () => {
    expect(transactionOf(JSON.stringify(transaction))).toEqual(transaction);
  });

  it('is skipped, never thrown, when it is not a transaction', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (data) => {
        const tx = transactionOf(data);
        if (tx !== undefined) expect(transactionSchema.safeParse(tx).success).toBe(true);
      }),
    );
    expect(transactionOf('{"id":"x"}')).toBeUndefined();
    expect(transactionOf('not json')).toBeUndefined();
  });
});
