/**
 * The next nonce of a (network, account): the only source of nonces (never the node's pending
 * count). Allocation locks the row, so concurrent submissions get contiguous, distinct nonces.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const AccountNonce = defineEntity({
  name: 'AccountNonce',
  tableName: 'account_nonce',
  properties: {
    networkId: p.uuid().primary(),
    address: p.string().length(42).primary(),
    next: p.integer(),
  },
});
export type AccountNonce = InferEntity<typeof AccountNonce>;
