/**
 * An organisation's master account on one network (ADR 0008): the M-of-N multisig of its
 * institution-admins, from the deployment request to the confirmed contract address. The owners
 * and threshold are the ledger's copy of the contract's, updated when a change is confirmed.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { MasterAccount as MasterAccountDto } from '@strata/contracts';

type MasterAccountStatus = MasterAccountDto['status'];

export const MasterAccount = defineEntity({
  name: 'MasterAccount',
  tableName: 'master_account',
  uniques: [{ properties: ['networkId', 'organisationId'] }],
  properties: {
    id: p.uuid().primary(),
    networkId: p.uuid(),
    organisationId: p.uuid(),
    status: p.string().length(20).$type<MasterAccountStatus>(),
    address: p.string().length(42).nullable(),
    owners: p.json<string[]>(),
    threshold: p.integer(),
    deploymentTransactionId: p.uuid().index(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type MasterAccount = InferEntity<typeof MasterAccount>;

export function toMasterAccountDto(master: MasterAccount): MasterAccountDto {
  return {
    id: master.id,
    networkId: master.networkId,
    organisationId: master.organisationId,
    status: master.status,
    address: master.address ?? null,
    owners: master.owners,
    threshold: master.threshold,
    deploymentTransactionId: master.deploymentTransactionId,
    createdAt: master.createdAt.toISOString(),
    updatedAt: master.updatedAt.toISOString(),
  };
}
