/**
 * A DID whose private key the platform holds for an organisation: in the KeyVault (software
 * keystore or PKCS#11) under `keyId`; DIDs created before key custody kept a sealed key here,
 * moved into the vault when identity starts (legacy-did-keys.ts).
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { DID_KEY_TYPES, type ManagedDid as ManagedDidDto, type Role } from '@strata/contracts';
import { SIGNING_ROLES } from '@strata/key-custody';

export const ManagedDid = defineEntity({
  name: 'ManagedDid',
  tableName: 'managed_did',
  properties: {
    did: p.string().length(200).primary(),
    keyType: p.enum(DID_KEY_TYPES),
    organisationId: p.uuid().index(),
    /** The key in identity's KeyVault (custody_key.id). */
    keyId: p.uuid().nullable(),
    /** Where the key is held: software keystore or PKCS#11 token. */
    custody: p.string().length(16).nullable(),
    /** Roles that may sign with the key (the key's usage policy). */
    signerRoles: p.json<Role[]>().nullable(),
    /** Legacy only: the AES-256-GCM sealed private key of a DID created before key custody. */
    sealedPrivateKey: p.text().nullable(),
    createdBy: p.string().length(200),
    createdAt: p.datetime(),
  },
});
export type ManagedDid = InferEntity<typeof ManagedDid>;

export function toManagedDidDto(entity: ManagedDid): ManagedDidDto {
  return {
    id: entity.did,
    method: 'key',
    keyType: entity.keyType,
    organisationId: entity.organisationId,
    custody: (entity.custody as 'software' | 'pkcs11' | null | undefined) ?? 'software',
    signerRoles: entity.signerRoles ?? [...SIGNING_ROLES],
    createdAt: entity.createdAt.toISOString(),
  };
}
