/** A hot signing account of an organisation on one network; its key lives in the KeyVault. */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { SigningAccount as SigningAccountDto } from '@strata/contracts';

export const SigningAccount = defineEntity({
  name: 'SigningAccount',
  tableName: 'signing_account',
  uniques: [{ properties: ['networkId', 'address'] }],
  properties: {
    id: p.uuid().primary(),
    networkId: p.uuid().index(),
    organisationId: p.uuid().index(),
    label: p.string().length(100),
    address: p.string().length(42),
    keyId: p.string().length(200),
    createdAt: p.datetime(),
  },
});
export type SigningAccount = InferEntity<typeof SigningAccount>;

export function toSigningAccountDto(account: SigningAccount): SigningAccountDto {
  return {
    id: account.id,
    networkId: account.networkId,
    organisationId: account.organisationId,
    label: account.label,
    address: account.address,
    createdAt: account.createdAt.toISOString(),
  };
}
