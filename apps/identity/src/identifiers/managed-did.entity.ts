/** A DID whose private key the platform holds for an organisation (sealed, never in clear). */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { DID_KEY_TYPES, type ManagedDid as ManagedDidDto } from '@strata/contracts';

export const ManagedDid = defineEntity({
  name: 'ManagedDid',
  tableName: 'managed_did',
  properties: {
    did: p.string().length(200).primary(),
    keyType: p.enum(DID_KEY_TYPES),
    organisationId: p.uuid().index(),
    /** AES-256-GCM sealed private key (see @strata/persistence KeyEncryption). */
    sealedPrivateKey: p.text(),
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
    createdAt: entity.createdAt.toISOString(),
  };
}
