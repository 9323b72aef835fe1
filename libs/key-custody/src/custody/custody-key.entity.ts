/**
 * A key a persistent vault holds for an organisation: its curve, public key (and EVM address for
 * secp256k1), who may sign with it, and what the vault needs to use it (the sealed private key for
 * the software keystore, the CKA_ID on the PKCS#11 token). Each app keeps it in its own schema.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const CustodyKey = defineEntity({
  name: 'CustodyKey',
  tableName: 'custody_key',
  properties: {
    id: p.uuid().primary(),
    ownerOrganisationId: p.string().length(200).index(),
    label: p.string().length(200),
    curve: p.string().length(16).default('secp256k1'),
    address: p.string().length(42).nullable().index(),
    publicKey: p.text().nullable(),
    /** Roles that may sign (JSON array); null is the vault's default policy. */
    signerRoles: p.json<string[]>().nullable(),
    custody: p.string().length(16),
    /** Sealed private key (software) or hex CKA_ID (pkcs11); never a clear private key. */
    material: p.text(),
    createdAt: p.datetime(),
  },
});
export type CustodyKey = InferEntity<typeof CustodyKey>;
