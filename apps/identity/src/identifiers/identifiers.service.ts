/**
 * DIDs: creating a platform-held did:key for an organisation (the private key is sealed into
 * identity's schema in the same transaction as the `did-created.v1` event) and resolving any
 * did:key in the W3C DID Resolution result form.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type Actor,
  type CreateDid,
  type DidResolutionResult,
  IdentityTopics,
  type ManagedDid as ManagedDidDto,
} from '@strata/contracts';
import { DomainProblem, type OutboxWriter } from '@strata/bus';
import { KeyEncryption } from '@strata/persistence';
import { Clock } from '@strata/runtime';
import {
  didKeyDocument,
  encodeDidKey,
  generatePrivateKey,
  parseDidKey,
  publicKeyOf,
} from './did-key';
import { ManagedDid, toManagedDidDto } from './managed-did.entity';

export const IDENTITY_KEY_ENCRYPTION = Symbol('IDENTITY_KEY_ENCRYPTION');

@Injectable()
export class IdentifiersService {
  constructor(
    private readonly clock: Clock,
    @Inject(IDENTITY_KEY_ENCRYPTION) private readonly encryption: KeyEncryption,
  ) {}

  async create(
    em: EntityManager,
    outbox: OutboxWriter,
    input: CreateDid,
    actor: Actor & { organisationId: string },
  ): Promise<ManagedDidDto> {
    const privateKey = generatePrivateKey(input.keyType);
    try {
      const key = encodeDidKey(input.keyType, publicKeyOf(input.keyType, privateKey));
      const entity = em.create(ManagedDid, {
        did: key.did,
        keyType: input.keyType,
        organisationId: actor.organisationId,
        sealedPrivateKey: this.encryption.seal(privateKey, { keyId: key.did, address: key.did }),
        createdBy: actor.subject,
        createdAt: this.clock.now(),
      });
      const dto = toManagedDidDto(entity);
      outbox.add({
        topic: IdentityTopics.didCreated,
        key: dto.id,
        payload: { ...dto, createdBy: actor.subject },
      });
      return dto;
    } finally {
      privateKey.fill(0);
    }
  }

  /** Resolves a DID; a malformed DID or another method is a problem, never a thrown error. */
  resolve(did: string): DidResolutionResult {
    const key = parseDidKey(did);
    if ('error' in key) {
      throw new DomainProblem({
        code: key.error,
        status: 400,
        title: key.error === 'invalidDid' ? 'Invalid DID' : 'DID method not supported',
        detail: key.reason,
      });
    }
    return {
      didDocument: didKeyDocument(key),
      didResolutionMetadata: { contentType: 'application/did+ld+json' },
      didDocumentMetadata: {},
    };
  }
}
