/** The audit of one signature made with a custody key: who, what, when and why. */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const KeyUsageRecord = defineEntity({
  name: 'KeyUsageRecord',
  tableName: 'key_usage',
  properties: {
    id: p.uuid().primary(),
    keyId: p.uuid().index(),
    ownerOrganisationId: p.string().length(200).index(),
    address: p.string().length(42).nullable(),
    curve: p.string().length(16).default('secp256k1'),
    custody: p.string().length(16),
    actor: p.string().length(200),
    actorOrganisationId: p.string().length(200).nullable(),
    purpose: p.string().length(16),
    digest: p.string().length(66),
    txHash: p.string().length(66).nullable().index(),
    reason: p.text(),
    signedAt: p.datetime().index(),
  },
});
export type KeyUsageRecord = InferEntity<typeof KeyUsageRecord>;
