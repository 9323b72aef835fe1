/**
 * A key a persistent vault holds for an organisation: its address and what the vault needs to
 * use it (the sealed private key for the software keystore, the CKA_ID on the PKCS#11 token).
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const CustodyKey = defineEntity({
  name: 'CustodyKey',
  tableName: 'custody_key',
  properties: {
    id: p.uuid().primary(),
    ownerOrganisationId: p.string().length(200).index(),
    label: p.string().length(200),
    address: p.string().length(42).index(),
    custody: p.string().length(16),
    /** Sealed private key (software) or hex CKA_ID (pkcs11); never a clear private key. */
    material: p.text(),
    createdAt: p.datetime(),
  },
});
export type CustodyKey = InferEntity<typeof CustodyKey>;
