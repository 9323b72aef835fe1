/**
 * One owner-approved action of a master account (authorise, freeze, replace an operational
 * account; change owners): the audit record of who asked, which owners signed, the transaction
 * that carries it and how it settled.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type {
  Actor,
  MasterAccountActionRecord as MasterAccountActionDto,
  MasterAccountActionRequest,
} from '@strata/contracts';

type ActionStatus = MasterAccountActionDto['status'];

export const MasterAccountActionRecord = defineEntity({
  name: 'MasterAccountActionRecord',
  tableName: 'master_account_action',
  properties: {
    id: p.uuid().primary(),
    masterAccountId: p.uuid().index(),
    networkId: p.uuid(),
    organisationId: p.uuid(),
    requestedBy: p.json<Actor>(),
    action: p.json<MasterAccountActionRequest>(),
    signers: p.json<string[]>(),
    transactionId: p.uuid().index(),
    status: p.string().length(20).$type<ActionStatus>(),
    failureReason: p.text().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type MasterAccountActionRecord = InferEntity<typeof MasterAccountActionRecord>;

export function toMasterAccountActionDto(
  record: MasterAccountActionRecord,
): MasterAccountActionDto {
  return {
    id: record.id,
    masterAccountId: record.masterAccountId,
    networkId: record.networkId,
    organisationId: record.organisationId,
    action: record.action,
    signers: record.signers,
    transactionId: record.transactionId,
    status: record.status,
    failureReason: record.failureReason ?? null,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}
