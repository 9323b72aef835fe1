/**
 * The membership revision of a network whose members the ledger holds (`network_member`):
 * 0 from `network-registered`, N from the N-th `network-membership-changed`. The two events come
 * on different topics, so either may arrive first; the revision makes the newest list win.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const LedgerNetworkMembership = defineEntity({
  name: 'LedgerNetworkMembership',
  tableName: 'network_membership',
  properties: {
    networkId: p.uuid().primary(),
    revision: p.integer(),
  },
});
export type LedgerNetworkMembership = InferEntity<typeof LedgerNetworkMembership>;
