/** The ledger's own copy of a registered network: what it needs to reach the chain. */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const LedgerNetwork = defineEntity({
  name: 'LedgerNetwork',
  tableName: 'network',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(200),
    rpcUrl: p.string().length(2048),
    registeredAt: p.datetime(),
  },
});
export type LedgerNetwork = InferEntity<typeof LedgerNetwork>;
