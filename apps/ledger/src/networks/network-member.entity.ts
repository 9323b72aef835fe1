/** Which organisations are members of a network, as the ledger learnt from the registry. */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const LedgerNetworkMember = defineEntity({
  name: 'LedgerNetworkMember',
  tableName: 'network_member',
  properties: {
    networkId: p.uuid().primary(),
    organisationId: p.uuid().primary().index(),
  },
});
export type LedgerNetworkMember = InferEntity<typeof LedgerNetworkMember>;
