/**
 * The console's access to a network's transactions (through the generated SDK): the caller
 * organisation's latest transactions, and the interventions on a pending or stuck one — speed-up,
 * cancellation request and the second administrator's approval (four eyes).
 */
import {
  type Configuration,
  type LedgerTransaction as SdkTransaction,
  TransactionsApi,
} from '@strata/sdk';
import type { LedgerTransaction, Page, TransactionStatus } from '@strata/contracts';
import { toPage } from './sdk-models';

export interface TransactionsConsoleApi {
  list(
    networkId: string,
    query: { limit: number; offset: number; status?: TransactionStatus },
  ): Promise<Page<LedgerTransaction>>;
  speedUp(networkId: string, txId: string, idempotencyKey: string): Promise<void>;
  requestCancel(
    networkId: string,
    txId: string,
    reason: string,
    idempotencyKey: string,
  ): Promise<void>;
  approveCancel(networkId: string, txId: string, idempotencyKey: string): Promise<void>;
}

const iso = (value: Date | string): string => (value instanceof Date ? value.toISOString() : value);

/** Statuses a speed-up or cancellation can still change. */
export const REPLACEABLE_STATUSES: readonly LedgerTransaction['status'][] = [
  'accepted',
  'signed',
  'submitted',
  'stuck',
];

export function toLedgerTransaction(model: SdkTransaction): LedgerTransaction {
  return {
    id: model.id,
    networkId: model.networkId,
    organisationId: model.organisationId,
    kind: model.kind,
    from: model.from,
    to: model.to ?? null,
    value: model.value,
    nonce: model.nonce,
    gasLimit: model.gasLimit,
    status: model.status,
    hash: model.hash ?? null,
    attempts: model.attempts,
    blockNumber: model.blockNumber ?? null,
    contractAddress: model.contractAddress ?? null,
    failureReason: model.failureReason ?? null,
    createdAt: iso(model.createdAt),
    updatedAt: iso(model.updatedAt),
  };
}

export function createTransactionsApi(
  configuration: Configuration,
  call: <T>(request: () => Promise<T>) => Promise<T>,
): TransactionsConsoleApi {
  const transactions = new TransactionsApi(configuration);
  return {
    list: (id, query) =>
      call(async () =>
        toPage(await transactions.listTransactions({ id, ...query }), toLedgerTransaction),
      ),
    speedUp: (id, txId, idempotencyKey) =>
      call(async () => {
        await transactions.speedUpTransactionRaw({
          id,
          txId,
          idempotencyKey,
          speedUpTransaction: {},
        });
      }),
    requestCancel: (id, txId, reason, idempotencyKey) =>
      call(async () => {
        await transactions.requestTransactionCancelRaw({
          id,
          txId,
          idempotencyKey,
          requestTransactionCancel: { reason },
        });
      }),
    approveCancel: (id, txId, idempotencyKey) =>
      call(async () => {
        await transactions.approveTransactionCancelRaw({
          id,
          txId,
          idempotencyKey,
          approveTransactionCancel: {},
        });
      }),
  };
}
