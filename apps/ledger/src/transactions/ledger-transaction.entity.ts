/**
 * A transaction the ledger owns from acceptance to confirmation. Everything the submitter needs
 * after a crash is here: the nonce, the signed raw transaction of the current attempt and the
 * hashes of earlier attempts (a fee bump may be mined instead of the latest one).
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type {
  Actor,
  LedgerTransaction as LedgerTransactionDto,
  TransactionStatus,
} from '@strata/contracts';

export const LedgerTransaction = defineEntity({
  name: 'LedgerTransaction',
  tableName: 'ledger_transaction',
  uniques: [{ properties: ['networkId', 'from', 'nonce'] }],
  indexes: [
    { properties: ['status', 'nextCheckAt'] },
    { properties: ['networkId', 'createdAt'] },
    { properties: ['networkId', 'updatedAt'] },
  ],
  properties: {
    id: p.uuid().primary(),
    networkId: p.uuid(),
    organisationId: p.uuid(),
    /** Who submitted it: the signing audit and the vault's authorisation use it. */
    requestedBy: p.json<Actor>(),
    kind: p.string().length(20).$type<'transfer' | 'call' | 'deploy'>(),
    from: p.string().length(42),
    to: p.string().length(42).nullable(),
    value: p.string().length(80),
    data: p.text(),
    /** JSON ABI given with the request, used to decode custom errors. */
    abi: p.json<unknown[]>().nullable(),
    /** Null once released: failed before it was ever signed (docs/transactions.md, Nonces). */
    nonce: p.integer().nullable(),
    gasLimit: p.string().length(80),
    status: p.string().length(20).$type<TransactionStatus>(),
    /** Hash and signed bytes of the current attempt. */
    hash: p.string().length(66).nullable(),
    raw: p.text().nullable(),
    previousHashes: p.json<string[]>(),
    attempts: p.integer(),
    /** Hashes of approved cancellation attempts (0-value self-transfers at the same nonce). */
    cancelHashes: p.json<string[]>().nullable(),
    /** Fee of the current attempt (wei): max fee (EIP-1559) or gas price (legacy). */
    feePerGas: p.string().length(80).nullable(),
    priorityFeePerGas: p.string().length(80).nullable(),
    broadcastAt: p.datetime().nullable(),
    nextCheckAt: p.datetime(),
    blockNumber: p.integer().nullable(),
    blockHash: p.string().length(66).nullable(),
    contractAddress: p.string().length(42).nullable(),
    failureReason: p.text().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type LedgerTransaction = InferEntity<typeof LedgerTransaction>;

export function toTransactionDto(tx: LedgerTransaction): LedgerTransactionDto {
  return {
    id: tx.id,
    networkId: tx.networkId,
    organisationId: tx.organisationId,
    kind: tx.kind,
    from: tx.from,
    to: tx.to ?? null,
    value: tx.value,
    nonce: tx.nonce ?? null,
    gasLimit: tx.gasLimit,
    status: tx.status,
    hash: tx.hash ?? null,
    attempts: tx.attempts,
    blockNumber: tx.blockNumber ?? null,
    contractAddress: tx.contractAddress ?? null,
    failureReason: tx.failureReason ?? null,
    createdAt: tx.createdAt.toISOString(),
    updatedAt: tx.updatedAt.toISOString(),
  };
}
