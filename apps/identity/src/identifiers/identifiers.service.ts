/**
 * DIDs: creating a platform-held did:key for an organisation (the key pair is made in the
 * KeyVault, recorded with the DID in the same transaction as the `did-created.v1` event) and
 * resolving any did:key in the W3C DID Resolution result form.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type Actor,
  type CreateDid,
  type DidResolutionResult,
  IdentityTopics,
  type ManagedDid as ManagedDidDto,
} from '@strata/contracts';
import { DomainProblem, type OutboxWriter } from '@strata/bus';
import { SIGNING_ROLES } from '@strata/key-custody';
import { Clock } from '@strata/runtime';
import { DidKeyCustody } from '../key-custody/did-key-custody';
import { didKeyDocument, encodeDidKey, parseDidKey } from './did-key';
import { ManagedDid, toManagedDidDto } from './managed-did.entity';

@Injectable()
export class IdentifiersService {
  constructor(
    private readonly clock: Clock,
    private readonly custody: DidKeyCustody,
  ) {}

  async create(
    em: EntityManager,
    outbox: OutboxWriter,
    input: CreateDid,
    actor: Actor & { organisationId: string },
  ): Promise<ManagedDidDto> {
    const signerRoles = input.signerRoles ?? [...SIGNING_ROLES];
    const created = await this.custody.create(
      actor.organisationId,
      `did:key ${input.keyType}`,
      input.keyType,
      signerRoles,
    );
    const key = encodeDidKey(input.keyType, created.publicKey);
    const entity = em.create(ManagedDid, {
      did: key.did,
      keyType: input.keyType,
      organisationId: actor.organisationId,
      keyId: created.keyId,
      custody: this.custody.custody,
      signerRoles,
      sealedPrivateKey: null,
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
