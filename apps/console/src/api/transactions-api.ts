/**
 * The console's access to a network's transactions (through the generated SDK): the caller
 * organisation's latest transactions, and the interventions on a pending or stuck one — speed-up,
 * cancellation request and the second administrator's approval (four eyes).
 */
import {
  type Configuration,
  instanceOfLedgerTransaction,
  LedgerTransactionFromJSON,
  type LedgerTransaction as SdkTransaction,
  type SigningAccount as SdkSigningAccount,
  TransactionsApi,
} from '@strata/sdk';
import type {
  EffectiveTransactionSettings,
  LedgerTransaction,
  Page,
  SigningAccount,
  SubmitTransaction,
  TransactionStatus,
} from '@strata/contracts';
import { toPage } from './sdk-models';
import { followEventStream } from './event-stream-follow';

/** What the console does with a network's transaction status stream. */
export interface TransactionFollowHandlers {
  /** A status change of one of the caller's transactions on the network. */
  onStatus(tx: LedgerTransaction): void;
  /** Events may have been missed (a reconnection the gateway could not resume): reload. */
  onResync(): void;
  /** Whether the stream is connected right now. */
  onLive(live: boolean): void;
}

export interface TransactionsConsoleApi {
  list(
    networkId: string,
    query: { limit: number; offset: number; status?: TransactionStatus },
  ): Promise<Page<LedgerTransaction>>;
  /** The caller organisation's signing accounts on the network. */
  signingAccounts(
    networkId: string,
    page: { limit: number; offset: number },
  ): Promise<Page<SigningAccount>>;
  /** Accepted at once (202): the transaction, or undefined while the ledger has not answered. */
  submit(
    networkId: string,
    body: SubmitTransaction,
    idempotencyKey: string,
  ): Promise<LedgerTransaction | undefined>;
  speedUp(networkId: string, txId: string, idempotencyKey: string): Promise<void>;
  requestCancel(
    networkId: string,
    txId: string,
    reason: string,
    idempotencyKey: string,
  ): Promise<void>;
  approveCancel(networkId: string, txId: string, idempotencyKey: string): Promise<void>;
  /** The confirmations, fee cap, fee-bump timeout and attempts in force on the network. */
  settings(networkId: string): Promise<EffectiveTransactionSettings>;
  /** Follows the network's status stream until the returned function is called. */
  follow(networkId: string, handlers: TransactionFollowHandlers): () => void;
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
    cancellation: model.cancellation
      ? {
          status: model.cancellation.status,
          requestedBy: model.cancellation.requestedBy,
          requestedAt: iso(model.cancellation.requestedAt),
          approvedBy: model.cancellation.approvedBy ?? null,
          approvedAt: model.cancellation.approvedAt ? iso(model.cancellation.approvedAt) : null,
        }
      : null,
    createdAt: iso(model.createdAt),
    updatedAt: iso(model.updatedAt),
  };
}

function toSigningAccount(model: SdkSigningAccount): SigningAccount {
  return {
    id: model.id,
    networkId: model.networkId,
    organisationId: model.organisationId,
    label: model.label,
    address: model.address,
    createdAt: iso(model.createdAt),
  };
}

/** A 202 body is the accepted transaction, or a pending operation when the ledger was slow. */
const isTransaction = (body: unknown): body is SdkTransaction =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as { nonce?: unknown }).nonce === 'number';

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
    signingAccounts: (id, page) =>
      call(async () =>
        toPage(await transactions.listSigningAccounts({ id, ...page }), toSigningAccount),
      ),
    submit: (id, body, idempotencyKey) =>
      call(async () => {
        const answer = await transactions.submitTransactionRaw({
          id,
          idempotencyKey,
          submitTransaction: body,
        });
        const json: unknown = await answer.raw.json();
        return isTransaction(json) ? toLedgerTransaction(json) : undefined;
      }),
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
    settings: (id) =>
      call(async () => {
        const settings = await transactions.getNetworkTransactionSettings({ id });
        return { ...settings, overridden: [...settings.overridden] };
      }),
    follow: (id, handlers) =>
      followEventStream(
        `${configuration.basePath}/api/v1/networks/${encodeURIComponent(id)}/transactions/stream`,
        tokenOf(configuration),
        {
          onLive: (live) => handlers.onLive(live),
          onEvent: (type, data) => {
            if (type === 'resync') handlers.onResync();
            const tx = type === 'transaction-status' ? transactionOf(data) : undefined;
            if (tx) handlers.onStatus(tx);
          },
        },
      ),
  };
}

/** The transaction a stream frame carries, or undefined when it is not one (skipped). */
export function transactionOf(data: string): LedgerTransaction | undefined {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || !instanceOfLedgerTransaction(json)) {
    return undefined;
  }
  return toLedgerTransaction(LedgerTransactionFromJSON(json));
}

/** The bearer token the SDK's configuration would send. */
function tokenOf(configuration: Configuration): () => Promise<string> {
  return async () => {
    const token = configuration.accessToken;
    return token ? await token() : '';
  };
}
