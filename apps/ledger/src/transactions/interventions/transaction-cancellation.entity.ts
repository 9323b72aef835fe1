/**
 * A four-eyes cancellation of a transaction: one institution admin asks (with a reason), a
 * different institution admin of the same organisation approves; only then is the 0-value
 * replacement signed. The record is the audit trail of who asked and who approved.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type {
  Actor,
  TransactionCancellation as TransactionCancellationDto,
} from '@strata/contracts';

export const TransactionCancellation = defineEntity({
  name: 'TransactionCancellation',
  tableName: 'transaction_cancellation',
  properties: {
    id: p.uuid().primary(),
    /** One cancellation per transaction: a refused or finished one is not reopened. */
    transactionId: p.uuid().unique(),
    networkId: p.uuid(),
    organisationId: p.uuid(),
    status: p.string().length(20).$type<TransactionCancellationDto['status']>(),
    reason: p.text(),
    requestedBy: p.json<Actor>(),
    requestedAt: p.datetime(),
    approvedBy: p.json<Actor>().nullable(),
    approvedAt: p.datetime().nullable(),
  },
});
export type TransactionCancellation = InferEntity<typeof TransactionCancellation>;

export function toCancellationDto(record: TransactionCancellation): TransactionCancellationDto {
  return {
    id: record.id,
    networkId: record.networkId,
    transactionId: record.transactionId,
    organisationId: record.organisationId,
    status: record.status,
    reason: record.reason,
    requestedBy: record.requestedBy.username ?? record.requestedBy.subject,
    requestedAt: record.requestedAt.toISOString(),
    approvedBy: record.approvedBy
      ? (record.approvedBy.username ?? record.approvedBy.subject)
      : null,
    approvedAt: record.approvedAt?.toISOString() ?? null,
  };
}
